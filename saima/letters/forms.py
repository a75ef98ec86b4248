from django import forms
from django.utils.translation import gettext_lazy as _

from saima.regions.models import Department, Region

from .models import Kind


class IssueForm(forms.Form):
    region = forms.ModelChoiceField(label=_("致送区划"), queryset=Region.objects.none())
    unit = forms.ModelChoiceField(
        label=_("致送单位（可选）"), queryset=Department.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("文种"), choices=Kind.choices, initial=Kind.NOTICE)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["unit"].queryset = Department.objects.filter(region__in=regions)


class BulkForm(forms.Form):
    region = forms.ModelChoiceField(label=_("上级区划"), queryset=Region.objects.none())
    kind = forms.ChoiceField(label=_("文种"), choices=Kind.choices, initial=Kind.NOTICE)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("回复（整改落实情况）"), widget=forms.Textarea(attrs={"rows": 4})
    )
