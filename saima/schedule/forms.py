from django import forms

from saima.regions.models import Department

from .models import Milestone, ProjectApproval


class DateInput(forms.DateInput):
    input_type = "date"


def _units_for(project):
    """Responsible units of the project's region and the regions above it."""
    codes = [project.region_id] + [r.code for r in project.region.ancestors()]
    return Department.objects.filter(region__in=codes)


class ApprovalForm(forms.ModelForm):
    class Meta:
        model = ProjectApproval
        fields = ["approval_type", "planned_on", "obtained_on", "department", "office", "note"]
        widgets = {"planned_on": DateInput(), "obtained_on": DateInput()}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _units_for(project)
        if self.instance.pk:
            self.fields.pop("approval_type")


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "planned_on", "actual_on", "department", "owner", "note"]
        widgets = {"planned_on": DateInput(), "actual_on": DateInput()}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _units_for(project)
        if self.instance.pk:
            self.fields.pop("kind")
