"""Test helpers for the page tests."""


def form_data(response, **changes) -> dict:
    """POST data for the form a page rendered, as a browser would send it, with changes."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    data.update(changes)
    return data
