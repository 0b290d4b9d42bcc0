from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template_name: str, context: dict, *, partial: str):
    """The whole page, or for an htmx request only the named partial of the same template.

    A history restore asks for the whole page, and caches keep the two answers apart."""
    wants_partial = request.htmx and not request.htmx.history_restore_request
    response = render(
        request, f"{template_name}#{partial}" if wants_partial else template_name, context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
