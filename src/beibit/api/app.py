"""The REST API: one NinjaAPI at /api/v1/, OpenAPI 3.1 at /api/v1/openapi.json, docs at /api/v1/docs.

Every error, whatever raised it, leaves as `{"error": {"code", "field", "message"}}` (the contract's error
object) with a 4xx status; nothing is stored when a request is refused, because each write is one service
call in one transaction. Token auth (`Authorization: Bearer <token>`); the pages (a later issue) use
Django's session.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.operation import Operation

from beibit.cases.errors import CaseError
from beibit.law.contract import InputError
from beibit.law.model import Evaluation, PlannedAssembly

API_VERSION = "1.0.0"


# Routers that moved into this package keep the operation ids they were published with (issue 12).
_PUBLISHED_MODULE = {
    "beibit.api.monitoring": "beibit.monitoring.api",
    "beibit.api.opendata": "beibit.opendata.api",
}


class BeibitAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """django-ninja's id (module and function name), with a moved router's module as published."""
        module = operation.view_func.__module__
        name = f"{_PUBLISHED_MODULE.get(module, module)}_{operation.view_func.__name__}"
        return name.replace(".", "_")

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        """The generated schema plus the contract's own models (planned assembly in, evaluation out), which
        the handlers parse themselves so the API and `beibit check` refuse exactly the same input."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (PlannedAssembly, Evaluation):
            spec = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="validation")
            for name, definition in spec.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components[model.__name__] = spec
        for operations in schema["paths"].values():
            for operation in operations.values():
                for response in operation.get("responses", {}).values():
                    for media in response.get("content", {}).values():
                        # A response declared as a reference is that reference and nothing beside it.
                        if "$ref" in media.get("schema", {}):
                            media["schema"] = {"$ref": media["schema"]["$ref"]}
        return schema


api = BeibitAPI(
    title="Beibit",
    version=API_VERSION,
    description=(
        "Law No. 333-VI on peaceful assemblies as a service: evaluations, filings (notifications and "
        "applications), the akimat's review and decisions, the public register and the occupancy calendar of "
        'specialized places. Errors are `{"error": {"code", "field", "message"}}`.'
    ),
    urls_namespace="api",
)


def error_response(
    request: HttpRequest, status: int, code: str, field: str | None, message: str
) -> HttpResponse:
    return api.create_response(
        request, {"error": {"code": code, "field": field, "message": message}}, status=status
    )


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:]  # ("body", <parameter name>, field, ...)
    elif parts:
        parts = parts[1:]  # ("query" | "path" | "header", name, ...)
    return ".".join(str(p) for p in parts) or ("body" if loc and loc[0] == "body" else None)


_NINJA_CODES = {
    "missing": "missing_field",
    "extra_forbidden": "unknown_field",
    "literal_error": "invalid_value",
    "enum": "invalid_value",
    "timezone_aware": "naive_datetime",
}


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {"loc": (), "msg": "invalid input", "type": "invalid"}
    code = _NINJA_CODES.get(str(first.get("type")), "invalid_value")
    return error_response(request, 422, code, _field(tuple(first.get("loc", ()))), str(first.get("msg")))


@api.exception_handler(InputError)
def _input(request: HttpRequest, exc: InputError) -> HttpResponse:
    status = 400 if exc.code == "invalid_json" else 422
    return error_response(request, status, exc.code, exc.field, exc.message)


@api.exception_handler(CaseError)
def _case(request: HttpRequest, exc: CaseError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, exc.field, exc.message)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request,
        401,
        "unauthenticated",
        "Authorization",
        _("Send 'Authorization: Bearer <token>' (POST /auth/token)."),
    )


@api.exception_handler(HttpError)
def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = "invalid_json" if exc.status_code == 400 else "http_error"
    return error_response(
        request, exc.status_code, code, "body" if code == "invalid_json" else None, str(exc)
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", None, _("Not found."))


def _register_routers() -> None:
    from beibit.api import accounts, monitoring, officer, opendata, organizer, public

    api.add_router("", public.router)
    api.add_router("", accounts.router)
    api.add_router("/cases", organizer.router)
    api.add_router("/officer", officer.router)
    api.add_router("/monitoring", monitoring.router)
    api.add_router("/open-data", opendata.router)


_register_routers()
