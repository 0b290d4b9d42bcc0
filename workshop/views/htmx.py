from django.shortcuts import render


def render_page(request, template_name: str, context: dict, *, partial: str):
    """The whole page, or for an htmx request only the named partial of the same template."""
    name = f"{template_name}#{partial}" if request.htmx else template_name
    return render(request, name, context)
