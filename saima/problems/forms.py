from django import forms
from django.utils.translation import gettext_lazy as _

from saima.accounts.models import User
from saima.regions.models import Department

from .models import Category


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
