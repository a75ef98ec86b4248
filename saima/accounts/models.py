from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    CITY_DISPATCHER = "city_dispatcher", _("市级调度")
    COUNTY_ADMIN = "county_admin", _("县区管理员")
    SECRETARY = "secretary", _("项目秘书")
    LEADER = "leader", _("包保领导")
    DEPARTMENT = "department", _("责任单位")
    VIEWER = "viewer", _("查看者")


class User(AbstractUser):
    """A person who signs in. What they may see and do comes from their role grants."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    department = models.ForeignKey(
        "regions.Department",
        verbose_name=_("所在单位"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username


class RoleGrant(models.Model):
    """A role granted on a region; it covers the region and everything below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["user", "role", "region"]
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                name="rolegrant_unique",
                violation_error_message=_("该用户已在此区划拥有该角色"),
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.region}"
