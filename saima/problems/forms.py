from django import forms
from django.utils.translation import gettext_lazy as _

from saima.accounts.models import User
from saima.core.forms import MarkErrorsMixin
from saima.regions.models import Department

from .choices import Holder
from .models import Category, EscalationLevel


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def units_for(project):
    chain = [project.region_id, *(r.code for r in project.region.ancestors())]
    return Department.objects.filter(region__in=chain).select_related("region")


class RaiseForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("问题类别"), queryset=Category.objects.filter(active=True)
    )
    description = forms.CharField(label=_("问题描述"), widget=forms.Textarea(attrs={"rows": 4}))
    assigned_unit = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Department.objects.none(), required=False
    )
    assignee = forms.ModelChoiceField(
        label=_("责任人（可选）"), queryset=User.objects.none(), required=False
    )
    deadline = forms.DateField(
        label=_("办理期限（可选，默认按第一级时限计算）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    files = MultipleFileField(label=_("附件"), required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(project)
        self.fields["assigned_unit"].queryset = units
        self.fields["assigned_unit"].initial = project.department_id
        self.fields["assignee"].queryset = User.objects.filter(department__in=units)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AssignForm(forms.Form):
    assigned_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Department.objects.none())
    assignee = forms.ModelChoiceField(
        label=_("责任人（可选）"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(project)
        self.fields["assigned_unit"].queryset = units
        self.fields["assignee"].queryset = User.objects.filter(department__in=units)


class AttachForm(forms.Form):
    files = MultipleFileField(label=_("附件"))


def _label(field: str):
    return EscalationLevel._meta.get_field(field).verbose_name


class RungForm(MarkErrorsMixin, forms.Form):
    """One level of a region's ladder. Only the types are checked here; the rules of a ladder
    (positive days, levels 1…N, who may be named) are the service's, so that every caller gets
    the same messages."""

    level = forms.IntegerField(
        label=_label("level"), required=False, widget=forms.NumberInput(attrs={"min": 1})
    )
    holder = forms.ChoiceField(
        label=_label("holder"), choices=[("", "—"), *Holder.choices], required=False
    )
    title = forms.CharField(label=_label("title"), required=False)
    person = forms.ChoiceField(label=_label("person"), required=False)
    working_days = forms.IntegerField(
        label=_label("working_days"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["person"].choices = [("", "—")] + [(str(pk), p) for pk, p in people.items()]
        self.fields["title"].widget.attrs.update(
            maxlength=EscalationLevel._meta.get_field("title").max_length,
            placeholder=EscalationLevel._meta.get_field("title").help_text,
        )

    def clean_person(self):
        value = self.cleaned_data["person"]
        return self.people[int(value)] if value else None


class BaseLadderFormSet(forms.BaseFormSet):
    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, form_kwargs={"people": people}, **kwargs)

    def rows(self) -> list[dict]:
        """The levels kept: neither deleted nor left blank."""
        return [
            {"row": n, **{name: form.cleaned_data.get(name) for name in RungForm.base_fields}}
            for n, form in enumerate(self.forms, start=1)
            if form.has_changed() or form in self.initial_forms
            if not self._should_delete_form(form)
        ]

    def mark(self, marks) -> None:
        """Highlight the fields a service's error names as (row number, field)."""
        for n, name in marks:
            if 1 <= n <= len(self.forms) and name in self.forms[n - 1].fields:
                self.forms[n - 1].fields[name].widget.attrs["aria-invalid"] = "true"

    def summary(self) -> list[str]:
        """Every error of the formset, each naming its row and field."""
        out = list(self.non_form_errors())
        for n, form in enumerate(self.forms, start=1):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                out += [
                    _("第%(n)s行“%(field)s”：%(error)s") % {"n": n, "field": label, "error": e}
                    for e in errors
                ]
        return out


LadderFormSet = forms.formset_factory(
    RungForm, formset=BaseLadderFormSet, extra=1, can_delete=True, max_num=10, validate_max=True
)
