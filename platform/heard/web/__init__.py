"""The one HTTP edge: errors, the OpenAPI document, sessions, headers, guards, handler dependencies, pages, forms.

bodies.py        a request body before it is read: size, content type, JSON depth and keys, NUL and UTF-8
errors.py        domain errors and validation failures to one error body and status
openapi.py       what the schema says about those errors and about closed input Structs
session.py       the session cookie to a Principal, before any handler runs
headers.py       security headers on every response
guards.py        who may reach a handler
dependencies.py  what a handler can ask for: a connection, the pool, the queue, an Idempotency-Key
pages.py         the context of every page: staff_page, child_page (language, switcher, session)
forms.py         one way to read a posted form; post a step, then redirect or show the page again with the error
"""
