"""Statistics pages: the staff dashboard (``stats:read``) and the public page and exports.

Charts are SVG/PNG drawn on the server (``stats.charts``); each chart's numbers are also a CSV.
The public side only ever reads the suppressed, frozen release (``service.statistics.public``).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from tipline.security.roles import Principal
from tipline.service.statistics import service_for
from tipline.stats import Query as StatsQuery
from tipline.stats import StatsQueryError, charts
from tipline.web.access import requires
from tipline.web.pages.choices import N_
from tipline.web.pages.render import gettext
from tipline.web.pages.routes import _language, _respond
from tipline.web.pages.security import csrf_token

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["statistics"])
Period = Literal["week", "month", "quarter", "year"]
Fmt = Literal["svg", "png"]

# The dashboard's charts: name -> (kind, key in the statistics, title).
STAFF_CHARTS: dict[str, tuple[str, str, str]] = {
    "reports": ("series", "by_period", N_("Reports per period")),
    "age_band": ("bars", "by_age_band", N_("Victims' age")),
    "gender": ("bars", "by_gender", N_("Victims' gender")),
    "reporter_role": ("bars", "by_reporter_role", N_("Who reported")),
    "platform": ("bars", "by_platform", N_("Platform of first contact")),
    "scheme": ("bars", "by_scheme", N_("Scheme")),
    "payment_method": ("bars", "by_payment_method", N_("Payment method")),
    "victim_country": ("bars", "by_victim_country", N_("Victims' country")),
    "destination_country": ("bars", "by_destination_country", N_("Where the money went")),
    "scammer_phone_country": ("bars", "by_scammer_phone_country", N_("Country of the scammers' phone numbers")),
    "flows": ("flows", "flows", N_("From victims' country to scammers' country")),
}
PUBLIC_CHARTS: dict[str, str] = {
    "reports": N_("Reports per quarter"),
    "age_band": N_("Victims' age"),
    "platform": N_("Platform of first contact"),
    "payment_method": N_("Payment method"),
}


def _day(value: date | None) -> datetime | None:
    return datetime(value.year, value.month, value.day, tzinfo=UTC) if value else None


def _query(since: date | None, until: date | None, by: str) -> StatsQuery:
    try:
        return StatsQuery(since=_day(since), until=_day(until), by=by)
    except StatsQueryError as e:
        raise HTTPException(422, str(e)) from None


Since = Annotated[date | None, Query(description="First day (UTC) counted.")]
Until = Annotated[date | None, Query(description="First day (UTC) no longer counted.")]
By = Annotated[Period, Query(description="Period of the time series.")]


def _rows(stats: dict[str, Any], name: str) -> tuple[list[str], list[list[Any]]]:
    kind, key, _ = STAFF_CHARTS[name]
    if kind == "series":
        return ["period", "start", "count", "change", "change_pct"], [
            [p["period"], p["start"], p["count"], p["change"], p["change_pct"]] for p in stats[key]]
    if kind == "flows":
        return ["victim_country", "scammer_country", "reports"], [[f["from"], f["to"], f["count"]] for f in stats[key]]
    return [name, "reports"], [[k, v] for k, v in stats[key].items()]


def _csv(header: list[str], rows: list[list[Any]], filename: str) -> Response:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


def _draw(kind: str, data: Any, title: str, fmt: str, language: str) -> bytes:
    _ = gettext(language)
    if kind == "series":
        return charts.series_chart(data, _(title), _("Reports"), fmt, trend_label=_("Trend"))
    if kind == "flows":
        return charts.flow_chart(data, _(title), _("Reports"), fmt)
    return charts.bar_chart(data, _(title), _("Reports"), fmt)


# --- staff ----------------------------------------------------------------------------------------


@router.get("/staff/statistics", response_class=HTMLResponse)
async def dashboard(request: Request, since: Since = None, until: Until = None, by: By = "month",
                    principal: Principal = Depends(requires("stats:read"))) -> Response:  # noqa: B008
    query = _query(since, until, by)
    service = service_for(request.app.state)
    stats = await run_in_threadpool(service.dashboard, query)
    found = await run_in_threadpool(service.alerts)
    language, remember = _language(request)
    params = request.url.query
    return _respond(request, "statistics_staff.html", language, remember, stats=stats, alerts=found,
                    charts=STAFF_CHARTS, params=params, since=since, until=until, by=by, principal=principal,
                    csrf=csrf_token(request))  # the staff header's sign-out form needs the token


@router.get("/staff/statistics/chart/{name}.{fmt}")
async def staff_chart(request: Request, name: str, fmt: Fmt, since: Since = None, until: Until = None,
                      by: By = "month", principal: Principal = Depends(requires("stats:read"))) -> Response:  # noqa: B008
    if name not in STAFF_CHARTS:
        raise HTTPException(404, f"No chart named {name!r}.")
    stats = await run_in_threadpool(service_for(request.app.state).dashboard, _query(since, until, by))
    kind, key, title = STAFF_CHARTS[name]
    language, _ = _language(request)
    body = await run_in_threadpool(_draw, kind, stats[key], title, fmt, language)
    return Response(body, media_type=charts.FORMATS[fmt],
                    headers={"content-disposition": f'inline; filename="{name}.{fmt}"'})


@router.get("/staff/statistics/data/{name}.csv")
async def staff_data(request: Request, name: str, since: Since = None, until: Until = None, by: By = "month",
                     principal: Principal = Depends(requires("stats:read"))) -> Response:  # noqa: B008
    if name not in STAFF_CHARTS:
        raise HTTPException(404, f"No chart named {name!r}.")
    stats = await run_in_threadpool(service_for(request.app.state).dashboard, _query(since, until, by))
    header, rows = _rows(stats, name)
    return _csv(header, rows, f"{name}.csv")


@router.get("/staff/statistics.json")
async def staff_json(request: Request, since: Since = None, until: Until = None, by: By = "month",
                     principal: Principal = Depends(requires("stats:read"))) -> Response:  # noqa: B008
    stats = await run_in_threadpool(service_for(request.app.state).dashboard, _query(since, until, by))
    return Response(json.dumps(stats), media_type="application/json")


# --- public ---------------------------------------------------------------------------------------


def _latest(document: dict[str, Any]) -> dict[str, Any] | None:
    published = [q for q in document["quarters"] if not q["suppressed"]]
    return published[-1] if published else None


def _public_data(document: dict[str, Any], name: str, language: str = "en") -> Any:
    if name == "reports":
        return [{"period": q["quarter"], "count": q["total"] or 0} for q in document["quarters"]]
    latest = _latest(document)
    if latest is None:
        return {}
    b = latest["breakdowns"][name]
    return {**b["cells"], **({gettext(language)("other"): b["other"]} if b["other"] is not None else {})}


@router.get("/statistics", response_class=HTMLResponse)
async def public_page(request: Request) -> Response:
    document = await run_in_threadpool(service_for(request.app.state).public)
    language, remember = _language(request)
    return _respond(request, "statistics_public.html", language, remember, switch=True, document=document,
                    latest=_latest(document), charts=PUBLIC_CHARTS)


@router.get("/statistics/chart/{name}.{fmt}")
async def public_chart(request: Request, name: str, fmt: Fmt) -> Response:
    if name not in PUBLIC_CHARTS:
        raise HTTPException(404, f"No chart named {name!r}.")
    document = await run_in_threadpool(service_for(request.app.state).public)
    language, _ = _language(request)
    kind = "series" if name == "reports" else "bars"
    body = await run_in_threadpool(_draw, kind, _public_data(document, name, language), PUBLIC_CHARTS[name], fmt,
                                   language)
    return Response(body, media_type=charts.FORMATS[fmt],
                    headers={"content-disposition": f'inline; filename="{name}.{fmt}"'})


@router.get("/statistics/data/{name}.csv")
async def public_data(request: Request, name: str) -> Response:
    if name not in PUBLIC_CHARTS:
        raise HTTPException(404, f"No chart named {name!r}.")
    document = await run_in_threadpool(service_for(request.app.state).public)
    data = _public_data(document, name)
    if name == "reports":
        return _csv(["quarter", "reports"], [[p["period"], p["count"] if p["count"] else ""] for p in data],
                    f"{name}.csv")
    quarter = (_latest(document) or {}).get("quarter", "")
    return _csv(["quarter", name, "reports"], [[quarter, k, v] for k, v in data.items()], f"{name}.csv")


@api.get("/statistics.json", summary="Public statistics (complete quarters, small counts suppressed)")
async def public_json(request: Request) -> dict[str, Any]:
    return await run_in_threadpool(service_for(request.app.state).public)


@api.get("/statistics.csv", summary="Public statistics as CSV: quarter, measure, category, value")
async def public_csv(request: Request) -> Response:
    from tipline.stats.public import to_rows

    document = await run_in_threadpool(service_for(request.app.state).public)
    return _csv(["quarter", "measure", "category", "value"], [list(r) for r in to_rows(document)],
                "tipline-statistics.csv")
