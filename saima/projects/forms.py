"""Page forms of the ledger. Validation messages come from the models and validators, so the
pages and the API speak the same words."""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saima.accounts.access import action_regions, is_admin
from saima.accounts.models import Role, User
from saima.core.forms import MarkErrorsMixin
from saima.regions.models import Department, Region

from .choices import Stage
from .models import AnnualPlan, Project, ReserveEntry, Target


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def related_regions_q(roots, field: str = "code") -> Q:
    """Regions that cover one of `roots` or lie below it: where the people and units that
    may take responsibility for a project in `roots` are placed."""
    parts = []
    for root in roots:
        above = [r.code for r in root.ancestors()] + [root.code]
        parts.append(Q(**{f"{field}__in": above}) | Q(**{f"{field}__startswith": root.prefix}))
    return reduce(or_, parts) if parts else Q(pk__in=[])


def regions_related(a: Region, b_code: str, b_prefix: str) -> bool:
    return a.code.startswith(b_prefix) or b_code.startswith(a.prefix)


class ProjectForm(MarkErrorsMixin, forms.ModelForm):
    """Create or edit a project. `version` carries the version read, so a stale edit is
    refused instead of silently overwriting someone else's change."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [
            "name",
            "code",
            "region",
            "content",
            "industry",
            "nature",
            "category",
            "owner_name",
            "owner_uscc",
            "total_investment_wan",
            "land_mu",
            "location",
            "funding_channels",
            "plan_level",
            "leader",
            "department",
            "secretary",
        ]
        field_classes = {
            "region": RegionChoiceField,
            "leader": PersonChoiceField,
            "secretary": PersonChoiceField,
        }
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "funding_channels": forms.CheckboxSelectMultiple,
            "code": forms.TextInput(attrs={"placeholder": "2201-220502-04-01-123456"}),
            "owner_uscc": forms.TextInput(attrs={"autocapitalize": "characters"}),
            "total_investment_wan": forms.NumberInput(attrs={"step": "0.0001", "min": "0"}),
            "land_mu": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        regions = action_regions(user, "change_project")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            regions = regions | Region.objects.filter(pk=self.instance.region_id)
            roots = [self.instance.region]
        else:
            roots = None if is_admin(user) else list(regions.filter(self._top_q(regions)))
        self.fields["region"].queryset = regions.order_by("code")
        self._limit_people(roots)

    @staticmethod
    def _top_q(regions) -> Q:
        """The top regions of a set (those whose parent is not in it)."""
        return ~Q(parent__in=regions)

    def _limit_people(self, roots) -> None:
        current = self.instance
        for name, role in (("leader", Role.LEADER), ("secretary", Role.SECRETARY)):
            q = Q(grants__role=role)
            if roots is not None:
                q &= related_regions_q(roots, "grants__region__code")
            keep = Q(pk=getattr(current, f"{name}_id") or 0)
            self.fields[name].queryset = (
                User.objects.filter(q | keep).distinct().order_by("full_name", "username")
            )
        q = Q() if roots is None else related_regions_q(roots, "region__code")
        keep = Q(pk=current.department_id or 0)
        self.fields["department"].queryset = Department.objects.filter(q | keep).select_related(
            "region"
        )

    def clean_code(self):
        return self.cleaned_data.get("code") or None

    def clean_owner_uscc(self):
        return (self.cleaned_data.get("owner_uscc") or "").strip().upper()

    def clean(self):
        data = super().clean()
        region = data.get("region")
        if region is None:
            return data
        for name, role in (("leader", Role.LEADER), ("secretary", Role.SECRETARY)):
            person = data.get(name)
            if person is None or person.pk == getattr(self.instance, f"{name}_id"):
                continue
            grants = person.grants.filter(role=role).select_related("region")
            if not any(regions_related(region, g.region.code, g.region.prefix) for g in grants):
                self.add_error(
                    name,
                    _("%(person)s 不在所在区划“%(region)s”的范围内")
                    % {"person": person, "region": region},
                )
        unit = data.get("department")
        if (
            unit is not None
            and unit.pk != self.instance.department_id
            and not regions_related(region, unit.region.code, unit.region.prefix)
        ):
            self.add_error(
                "department",
                _("责任单位“%(unit)s”不属于所在区划“%(region)s”或其上级")
                % {"unit": unit, "region": region},
            )
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StageForm(MarkErrorsMixin, forms.Form):
    """Record or correct the date a project reached a stage."""

    stage = forms.ChoiceField(label=_("阶段"), choices=Stage.choices)
    date = forms.DateField(label=_("日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class PlanForm(MarkErrorsMixin, forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["year", "nature", "annual_plan_wan", "resumed_on"]
        widgets = {
            "resumed_on": DateInput(),
            "annual_plan_wan": forms.NumberInput(attrs={"step": "0.0001", "min": "0"}),
        }
        help_texts = {"resumed_on": _("仅续建项目填写：当年复工的日期")}


class TargetForm(MarkErrorsMixin, forms.ModelForm):
    """Set a region's target for a year and stage (an existing target is replaced)."""

    class Meta:
        model = Target
        fields = ["region", "year", "stage", "count", "investment_wan"]
        field_classes = {"region": RegionChoiceField}
        widgets = {"investment_wan": forms.NumberInput(attrs={"step": "0.0001", "min": "0"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = action_regions(user, "manage_target").order_by("code")

    def _get_validation_exclusions(self):
        # Setting a target that exists replaces it (the view looks it up), so the uniqueness
        # of region/year/stage is not an error here; the form field still checks the stage.
        return super()._get_validation_exclusions() | {"stage"}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("年度应在2000–2100之间"))
        return year


class ReserveForm(MarkErrorsMixin, forms.ModelForm):
    class Meta:
        model = ReserveEntry
        fields = ["channel", "status", "note"]
