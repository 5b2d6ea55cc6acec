"""What the OpenAPI document says about errors and input Structs, built on Litestar's public plugin API.

Every error the API answers with has one body, `ErrorBody`, and the schema says so for each operation:
`document_errors` adds what the edge itself can answer (400 for input, 401/403 for guards and CSRF, 404 for a path
id, 413 for a body, 503 when the database is down) and a handler's own `responses=error_responses(...)` adds what
its service raises (404, 409, 422, 429).
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar.config.app import AppConfig
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Schema
from litestar.plugins import InitPlugin, OpenAPISchemaPlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.typing import FieldDefinition

from heard.web.errors import ErrorBody

ERROR_DESCRIPTIONS = {
    400: "The request is malformed, or a value has the wrong type, size or form; `errors` names each field.",
    401: "Nobody is signed in, or the session has ended.",
    403: "Signed in, but not allowed to do this; or a form was sent without its CSRF token.",
    404: "No such record, or it is not yours to see (the two look the same on purpose).",
    409: "The request clashes with the current state of the record, or the same Idempotency-Key is still in use.",
    413: "The request body is larger than the route takes: 1 MB (8 MB for imports).",
    415: "The body is not in the content type the operation reads (application/json).",
    422: "The request breaks a rule the schema cannot express; `errors` names the field.",
    429: "Too many attempts: wait the number of seconds in the Retry-After header.",
    503: "The database cannot be reached; nothing was stored. Try again after Retry-After seconds.",
}


def error_responses(*statuses: int, report: type | None = None) -> dict[int, ResponseSpec]:
    """OpenAPI declarations for error statuses a handler answers with, each with the shared `ErrorBody`.

    `report` is a body some handlers give instead on a 422: a report of everything wrong (an import's rows).
    """
    body: Any = ErrorBody if report is None else ErrorBody | report
    return {
        status: ResponseSpec(
            data_container=body if status == 422 else ErrorBody,
            description=ERROR_DESCRIPTIONS[status],
            generate_examples=False,
        )
        for status in statuses
    }


_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_NOT_INPUT = frozenset({"self", "request", "state", "scope", "headers", "cookies", "query", "socket", "body"})


def document_errors(route: BaseRoute) -> None:
    """Add to each schema operation of `route` the errors the HTTP edge itself can answer it with."""
    if not isinstance(route, HTTPRoute):
        return
    for handler in route.route_handlers:
        if handler.resolve_include_in_schema():
            statuses = _edge_statuses(handler, has_path_ids=bool(route.path_parameters))
            handler.responses = {**error_responses(*statuses), **(handler.responses or {})}


def _edge_statuses(handler: HTTPRouteHandler, *, has_path_ids: bool) -> list[int]:
    provided = set(handler.resolve_dependencies())
    inputs = [name for name in handler.parsed_fn_signature.parameters if name not in provided | _NOT_INPUT]
    statuses = [503]  # the session and nearly every handler read the database
    if inputs:
        statuses += [400, 422]  # 422: a value the database cannot keep (a NUL in text), which a schema cannot say
    if "data" in inputs:
        statuses += [413, 415, 404]  # a body has a size and a content type, and names records that may not exist
    if handler.resolve_guards():
        statuses += [401, 403]
    elif handler.http_methods & _UNSAFE:
        statuses.append(403)  # CSRF
    if has_path_ids:
        statuses.append(404)
    return statuses


class ClosedStructSchema(OpenAPISchemaPlugin, InitPlugin):
    """Litestar's schema for msgspec Structs, saying `additionalProperties: false` where the Struct forbids them.

    Our input Structs refuse unknown fields (400); without this the schema would promise they are ignored. It asks
    Litestar's own Struct plugin (found among the app's plugins when the app is built) for the schema and adds to it,
    so it stays on the public plugin API rather than subclassing a private class.
    """

    def __init__(self) -> None:
        self._litestar: OpenAPISchemaPlugin | None = None

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        probe = FieldDefinition.from_annotation(ErrorBody)
        plugins = [p for p in app_config.plugins if isinstance(p, OpenAPISchemaPlugin) and p is not self]
        self._litestar = next(p for p in plugins if p.is_plugin_supported_field(probe))
        return app_config

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return not field_definition.is_union and field_definition.is_subclass_of(msgspec.Struct)

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        if self._litestar is None:
            raise RuntimeError("ClosedStructSchema is used before the app that holds it was built")
        schema = self._litestar.to_openapi_schema(field_definition, schema_creator)
        if _forbids_unknown(field_definition.type_):
            schema.additional_properties = False
        _copy_item_rules(schema, field_definition.type_)
        return schema


# msgspec's JSON Schema keyword -> litestar Schema attribute.
_RULES = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "maxProperties": "max_properties",
    "minProperties": "min_properties",
}


def _copy_item_rules(schema: Schema, struct: Any) -> None:
    """Value rules litestar's schema leaves out, taken from msgspec's own schema of the Struct: rules on list items
    (`list[Annotated[str, Meta(min_length=1)]]`), on optional values, and bounds of 0 (`ge=0`). Without them the
    schema admits values the app refuses."""
    try:
        own = msgspec.json.schema(struct)
    except (TypeError, ValueError):  # a type msgspec cannot describe: leave litestar's schema as it is
        return
    definition = own.get("$defs", {}).get(struct.__name__, own)
    for name, rules in definition.get("properties", {}).items():
        prop = (schema.properties or {}).get(name)
        if isinstance(prop, Schema):
            _merge_rules(prop, rules)


def _merge_rules(prop: Schema, rules: dict[str, Any]) -> None:
    for keyword, attribute in _RULES.items():
        if keyword in rules and getattr(prop, attribute) is None:
            setattr(prop, attribute, rules[keyword])
    if isinstance(rules.get("items"), dict) and isinstance(prop.items, Schema):
        _merge_rules(prop.items, rules["items"])
    branches = [b for b in (prop.one_of or ()) if isinstance(b, Schema)]
    for branch_rules in rules.get("anyOf", ()):
        kind = branch_rules.get("type")
        same = [b for b in branches if kind is not None and getattr(b.type, "value", b.type) == kind]
        if kind != "null" and len(same) == 1:
            _merge_rules(same[0], branch_rules)


def _forbids_unknown(struct: Any) -> bool:
    return bool(getattr(struct.__struct_config__, "forbid_unknown_fields", False))
