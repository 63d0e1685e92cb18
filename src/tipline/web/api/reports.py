"""Public intake: reports and follow-ups, as JSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool

from tipline.domain.enums import Source
from tipline.domain.report import FollowUpIn, ReportIn
from tipline.service.intake import AlreadyReceived, DuplicateReport, add_follow_up, receive_report
from tipline.web.api.schemas import FollowUpReceiptOut, IdentifierOut, Problem, ReportReceipt
from tipline.web.problems import problem

router = APIRouter(tags=["intake"])
PROBLEMS = {code: {"model": Problem, "content": {"application/problem+json": {}}}
            for code in (409, 413, 415, 422, 429)}

RECEIVED = {
    "en": "Your report is received. Keep the reference code and the follow-up token: they let you "
          "add information later. The token is shown only once.",
    "fr": "Votre signalement est bien reçu. Gardez le code de référence et le jeton de suivi : ils "
          "vous permettent d'ajouter des informations plus tard. Le jeton n'est affiché qu'une fois.",
}


@router.post("/reports", status_code=201, response_model=ReportReceipt, responses=PROBLEMS)
async def create_report(
    report: ReportIn, request: Request,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", min_length=8, max_length=200,
        description="A unique key per report: a retry with the same key answers 409 with the reference "
                    "instead of storing the report twice.")] = None,
) -> ReportReceipt | Response:
    """Receive a report. The minimum is a narrative or one scammer identifier.

    The answer carries the reference code, the follow-up token (shown once, stored only as a
    hash) and the victim's action plan.
    """
    app = request.app.state.tipline
    request.app.state.limiter.check(request)
    try:
        # Not read here: the reader reads it within moments, so a flood is taken in at full speed.
        receipt = await receive_report(app, report, Source.api, idempotency_key=idempotency_key)
    except DuplicateReport:
        raise HTTPException(409, "A report with this external_id is already stored.") from None
    except AlreadyReceived as e:
        return problem(409, "This report was already received (same Idempotency-Key); its follow-up token "
                            "was given in the first answer only.", reference=e.reference)
    language = receipt.guidance.language
    out = ReportReceipt(
        id=receipt.id, reference=receipt.reference, follow_up_token=receipt.token,
        received_at=receipt.received_at, identifiers=[IdentifierOut.of(f) for f in receipt.identifiers],
        read=receipt.read, guidance=receipt.guidance, message=RECEIVED.get(language, RECEIVED["en"]),
    )
    # Serialised once by pydantic, not validated again against the response model.
    return Response(out.model_dump_json(), status_code=201, media_type="application/json",
                    headers={"Location": f"/api/v1/reports/{receipt.reference}"})


@router.post("/reports/{reference}/follow-ups", status_code=201, response_model=FollowUpReceiptOut,
             responses={404: PROBLEMS[422], **PROBLEMS})
async def create_follow_up(reference: str, follow_up: FollowUpIn, request: Request) -> FollowUpReceiptOut:
    """Add information to a report with its reference code and follow-up token. Never overwrites.

    A wrong code or a wrong token both answer 404, so the answer does not tell whether a code exists.
    """
    request.app.state.limiter.check(request, scope="follow-up")
    receipt = await run_in_threadpool(add_follow_up, request.app.state.tipline, reference, follow_up)
    if receipt is None:
        raise HTTPException(404, "No report matches this reference code and token.")
    return FollowUpReceiptOut(id=receipt.id, reference=receipt.reference, received_at=receipt.received_at,
                              identifiers=[IdentifierOut.of(f) for f in receipt.identifiers])
