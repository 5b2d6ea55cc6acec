"""The app factory: settings, lifespan resources, and one plugin that assembles every domain's routes."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from arq.connections import ArqRedis
from litestar import Litestar, Router
from litestar.config.app import AppConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins import InitPluginProtocol, ReceiveRoutePlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.routes import BaseRoute
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig
from litestar.types import PathType

import dashboards
import heard
import nlp
import surveys
from dashboards import controllers as reporting
from dashboards import services as reporting_services
from heard import composite, db, health, logs, pages, queue, settings
from heard.accounts import controllers as accounts
from heard.accounts import services as account_services
from heard.accounts import sso
from heard.advocacy import controllers as advocacy
from heard.capture import controllers as capture
from heard.complaints import controllers as complaints
from heard.council import controllers as council
from heard.i18n import catalogue
from heard.inbox import controllers as inbox
from heard.onboarding import controllers as onboarding
from heard.privacy import controllers as privacy
from heard.safeguarding import controllers as safeguarding
from heard.submissions import controllers as submissions
from heard.templating import FILTERS
from heard.translation import controllers as translation
from heard.web import bodies, errors, headers, session
from heard.web.dependencies import provide_connection
from heard.web.guards import staff_only
from heard.web.openapi import ClosedStructSchema, document_errors

# Each package exports where its files are, so the installed wheel serves what the checkout does.
TEMPLATE_DIRS: list[PathType] = [heard.TEMPLATE_DIR, surveys.TEMPLATE_DIR, dashboards.TEMPLATE_DIR]
STATIC_DIRS: list[PathType] = [heard.STATIC_DIR, surveys.STATIC_DIR]


def _route_handlers() -> list[Any]:
    return [
        *health.ROUTE_HANDLERS,
        *pages.ROUTE_HANDLERS,
        *accounts.ROUTE_HANDLERS,
        *sso.ROUTE_HANDLERS,
        *submissions.ROUTE_HANDLERS,
        *safeguarding.ROUTE_HANDLERS,
        *inbox.ROUTE_HANDLERS,
        *translation.ROUTE_HANDLERS,
        *capture.ROUTE_HANDLERS,
        *advocacy.ROUTE_HANDLERS,
        *composite.ROUTE_HANDLERS,
        *complaints.ROUTE_HANDLERS,
        *reporting.ROUTE_HANDLERS,
        *privacy.ROUTE_HANDLERS,
        *onboarding.ROUTE_HANDLERS,
        *council.ROUTE_HANDLERS,
    ]


@asynccontextmanager
async def lifespan(app: Litestar) -> AsyncGenerator[None, None]:
    """One pool and one Redis client per process."""
    config = settings.get()
    nlp.screen("warm up")  # load the screen's patterns now, not during a child's first request
    app.state.db_pool = await db.create_pool(config.db)
    app.state.redis = queue.connect_redis(config.redis.url)
    try:
        yield
    finally:
        await queue.settle()
        await app.state.redis.aclose()
        await app.state.db_pool.close()


def _db_pool(state: State) -> asyncpg.Pool:
    return state.db_pool  # type: ignore[no-any-return]


def _redis(state: State) -> ArqRedis:
    return state.redis  # type: ignore[no-any-return]


def _register_filters(engine: JinjaTemplateEngine) -> None:
    engine.engine.filters.update(FILTERS)
    # Every page's words come from a catalogue: English unless the page is a child's and sets `ui` to theirs.
    engine.engine.globals["ui"] = catalogue("en")
    engine.engine.autoescape = True


def _board_measure_titles() -> dict[str, str]:
    return dict(reporting_services.HEADLINE_MEASURES)


class HeardPlugin(InitPluginProtocol, ReceiveRoutePlugin):
    """Routes, dependencies, error handling and security for the whole service, and its errors in the schema."""

    def receive_route(self, route: BaseRoute) -> None:
        document_errors(route)

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        config = settings.get()
        app_config.route_handlers.extend(_route_handlers())
        app_config.route_handlers.append(
            create_static_files_router(
                path="/static", directories=STATIC_DIRS, exception_handlers=errors.STATIC_EXCEPTION_HANDLERS
            )
        )
        app_config.lifespan.append(lifespan)
        app_config.dependencies.update(
            {
                "db_pool": Provide(_db_pool, sync_to_thread=False),
                "redis": Provide(_redis, sync_to_thread=False),
                "conn": Provide(provide_connection),
                # The Board's measures, for the council settings page that sets their goals and national figures
                # (reporting sits above the council domain, so the assembly hands them down).
                "board_measure_titles": Provide(_board_measure_titles, sync_to_thread=False),
            }
        )
        app_config.exception_handlers.update(errors.EXCEPTION_HANDLERS)
        # Sessions are accounts' to look up; the web layer sits below accounts, so the assembly hands the lookup down.
        app_config.middleware.insert(
            0, DefineMiddleware(session.SessionMiddleware, lookup=account_services.session_principal)
        )
        app_config.before_send.append(headers.add_security_headers)
        app_config.csrf_config = CSRFConfig(
            secret=config.app.secret_key,
            cookie_secure=config.app.secure_cookies,
            cookie_samesite="lax",
            exclude=["/health"],
        )
        app_config.template_config = TemplateConfig(
            directory=TEMPLATE_DIRS, engine=JinjaTemplateEngine, engine_callback=_register_filters
        )
        app_config.openapi_config = OpenAPIConfig(
            title="Heard",
            version="1",
            render_plugins=[JsonRenderPlugin()],
            openapi_router=Router(path="/schema", route_handlers=[], guards=[staff_only], include_in_schema=False),
        )
        app_config.request_class = bodies.HeardRequest
        return app_config


def create_app() -> Litestar:
    """The ASGI app; `uvicorn --factory heard.app:create_app`."""
    logs.configure(settings.get().app.log_level)
    # The body limit is the app's argument: Litestar reads it from here, not from the config a plugin returns.
    return Litestar(
        plugins=[HeardPlugin(), ClosedStructSchema()], logging_config=None, request_max_body_size=bodies.MAX_BODY
    )
