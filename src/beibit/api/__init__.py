"""The REST API (django-ninja): routers, schemas, the OpenAPI document. Handlers validate and call one
service; they hold no rules of their own."""
