"""What every page's template needs: the map settings, the signed-in person's role and the header links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from beibit.web.navigation import links_for


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    role = profile.role if profile is not None else ""
    return {
        "map_tiles": settings.MAP_TILES,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "user_role": role,
        "user_settlement": profile.settlement if profile is not None else "",
        "nav_links": links_for(role),
    }
