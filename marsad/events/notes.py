"""English notes: one sentence per event for readers without Arabic."""

from __future__ import annotations

from ..annotations import ActorEntry
from ..schema import Location
from ..text.translit import romanize

_VERBS = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained control of",
    "Non-state actor overtakes territory": "{a1} took control of",
    "Air/drone strike": "{a1} carried out an air or drone strike on",
    "Shelling/artillery/missile attack": "{a1} shelled",
    "Remote explosive/landmine/IED": "An explosive device went off",
    "Suicide bomb": "A suicide bombing struck",
    "Chemical weapon": "{a1} used a chemical weapon on",
    "Grenade": "A grenade attack struck",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Sexual violence": "{a1} committed sexual violence",
    "Peaceful protest": "{a1} held a peaceful protest",
    "Protest with intervention": "{a1} protested and were dispersed",
    "Excessive force against protesters": "Force was used against protesters",
    "Violent demonstration": "{a1} rioted",
    "Mob violence": "A mob attacked",
    "Agreement": "{a1} reached an agreement with {a2}",
    "Arrests": "{a1} arrested {a2}",
    "Change to group/activity": "{a1} changed its activity",
    "Disrupted weapons use": "{a1} disrupted a weapon",
    "Headquarters or base established": "{a1} established a base",
    "Looting/property destruction": "{a1} looted or destroyed property",
    "Non-violent transfer of territory": "Territory changed hands",
    "Other": "{a1} was involved in an event",
}
_PLACE_AFTER = {"Government regains territory", "Non-state actor overtakes territory", "Air/drone strike",
                "Shelling/artillery/missile attack", "Chemical weapon"}


def _actor(a: ActorEntry | None, default: str) -> str:
    return a.name_en if a is not None and a.name_en else default


_DEFAULT_ACTOR1 = {"Peaceful protest": "Protesters", "Protest with intervention": "Protesters",
                   "Violent demonstration": "Rioters", "Excessive force against protesters": "Protesters"}


def place_phrase(loc: Location) -> str:
    """Return an English description of a location ("Kafr Altun, in the northern countryside of Hama")."""
    name = loc.name_en or (romanize(loc.text or loc.name_ar or "") if (loc.text or loc.name_ar) else None)
    area = loc.admin1 or loc.country
    if loc.relation and loc.relation.startswith("neighbourhood") and loc.text:
        return f"{romanize(loc.text)}, a part of {loc.name_en or area}" + (f" ({area})" if area else "")
    if loc.relation and area:
        relation = loc.relation if loc.relation.endswith((" of", " to")) else f"{loc.relation} of"
        return f"the {relation} {area}" + (f", {loc.country}" if loc.country and loc.country != area else "")
    if name and area and name != area:
        return f"{name} ({area}, {loc.country})" if loc.country and loc.country != area else f"{name} ({area})"
    return name or area or "an unresolved place"


def note_for(sub_event_type: str, a1: ActorEntry | None, a2: ActorEntry | None, loc: Location, time,
             claimed_by: list[str]) -> str:
    """Return the English note of an event."""
    verb = _VERBS.get(sub_event_type, "{a1} was involved in an event").format(
        a1=_actor(a1, _DEFAULT_ACTOR1.get(sub_event_type, "An unidentified actor")), a2=_actor(a2, "another party" if "clash" in sub_event_type else "civilians"))
    where = place_phrase(loc)
    sentence = f"{verb} {where}" if sub_event_type in _PLACE_AFTER else f"{verb} in {where}"
    when = time.date.isoformat() if time.date_end in (None, time.date) else \
        f"between {time.date.isoformat()} and {time.date_end.isoformat()}"
    sentence += f" on {when}" if time.date_end in (None, time.date) else f" {when}"
    if claimed_by:
        sentence += f", as claimed by {', '.join(claimed_by)}"
    return sentence + "."
