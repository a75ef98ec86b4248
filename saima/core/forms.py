"""Helpers shared by page forms: error marking for Pico CSS and service errors on a form."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class MarkErrorsMixin:
    """Mark invalid inputs with aria-invalid, which Pico CSS shows in red."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: next to the field when the form has it,
    otherwise at the top naming the field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, errors in error.error_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
            continue
        label = name
        if model is not None and name != NON_FIELD_ERRORS:
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:  # noqa: BLE001 - an unknown name is shown as it is
                label = name
        for item in errors:
            message = " ".join(item.messages)
            form.add_error(None, message if name == NON_FIELD_ERRORS else f"{label}：{message}")
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["aria-invalid"] = "true"
