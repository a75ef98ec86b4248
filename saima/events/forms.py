from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Campaign, GroundbreakingEvent


class DateInput(forms.DateInput):
    input_type = "date"


class EventForm(forms.ModelForm):
    class Meta:
        model = GroundbreakingEvent
        fields = ["name", "date"]
        widgets = {"date": DateInput()}


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "starts_on", "ends_on", "target_started", "target_investment_wan", "note"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class AddProjectsForm(forms.Form):
    projects = forms.ModelMultipleChoiceField(
        label=_("加入项目"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择要加入的项目")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = candidates
