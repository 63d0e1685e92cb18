"""schemathesis against the served OpenAPI spec, signed in with a staff token of every scope:
whatever it generates, for every operation, the API answers without a server error (5xx)."""

import schemathesis
from hypothesis import HealthCheck, given, settings

from staffkit import file_report
from tipline.security.roles import SCOPES
from tipline.service import accounts


def test_no_server_error_on_any_operation(tipline):
    from tipline.web.app import create_app

    file_report(tipline, "He wants 800 dollars by Western Union to Abidjan, his number is +225 07 58 12 34 56.")
    token = accounts.add_token(tipline, "fuzzer", sorted(SCOPES))
    app = create_app(tipline=tipline)
    app.state.tipline = tipline
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    failures, operations, statuses = [], 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case):
            response = case.call(headers={**(case.headers or {}), **headers})
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}")

        run()
    assert operations >= 8
    assert {200, 201, 204} & set(statuses) and {404, 422} & set(statuses)  # it reached real handlers
    assert not failures, failures[:10]
