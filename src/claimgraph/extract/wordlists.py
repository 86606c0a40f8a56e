"""Word lists of the participant finder: group nouns, generic heads, anaphoric nouns, pronouns."""

from __future__ import annotations

# Group nouns of what an actor owns or occupies: attacking a person's residence is attacking
# the person (while a person's guards are not the person).
PROPERTY_NOUNS = frozenset(
    {
        "residence",
        "home",
        "house",
        "convoy",
        "office",
        "headquarters",
        "base",
        "bases",
        "camp",
        "compound",
        "motorcade",
        "interests",
        "targets",
        "embassy",
    }
)
# Nouns whose modifier names the actor: "U.S. forces", "Iran's government", "Iraqi officials".
GROUP_NOUNS = (
    frozenset(
        [
            "government",
            "governments",
            "forces",
            "force",
            "troops",
            "military",
            "army",
            "officials",
            "official",
            "authorities",
            "leaders",
            "leadership",
            "regime",
            "administration",
            "police",
            "soldiers",
            "personnel",
            "diplomats",
            "embassy",
            "navy",
            "jets",
            "aircraft",
            "warplanes",
            "drones",
            "cabinet",
            "ministry",
            "parliament",
            "delegation",
            "envoy",
            "spokesman",
            "spokesperson",
            "intelligence",
            "security",
            "fighters",
            "members",
            "militants",
            "commanders",
            "supporters",
            "units",
            "brigades",
            "battalions",
            "operatives",
            "agents",
            "loyalists",
            "wing",
        ]
    )
    | PROPERTY_NOUNS
)  # attacking X's residence is attacking X
# Heads of generic groups that can be actors when qualified: "Tehran-backed militias",
# "pro-Iran parties", "Iraqi protesters".
GENERIC_HEADS = {
    "militia": "armed_group",
    "militias": "armed_group",
    "faction": "armed_group",
    "factions": "armed_group",
    "group": "armed_group",
    "groups": "armed_group",
    "proxy": "armed_group",
    "proxies": "armed_group",
    "gunmen": "armed_group",
    "militiamen": "armed_group",
    "fighters": "armed_group",
    "terrorists": "armed_group",
    "party": "party",
    "parties": "party",
    "protesters": "population",
    "protestors": "population",
    "demonstrators": "population",
    "people": "population",
}
# Heads that count the people of their "of" phrase: "thousands of Iraqis", "a crowd of protesters".
COUNT_HEADS = frozenset(
    {
        "thousands",
        "hundreds",
        "dozens",
        "millions",
        "tens",
        "scores",
        "crowd",
        "crowds",
        "group",
        "groups",
        "number",
        "majority",
    }
)
# Heads naming an organisation by its kind: with a name before them, they are that name ("the
# APEC forum", "the Hamas movement", "the Badr organisation").
ORG_HEADS = frozenset(
    {
        "forum",
        "organization",
        "organisation",
        "movement",
        "bloc",
        "alliance",
        "coalition",
        "body",
        "union",
        "council",
        "front",
        "network",
        "agency",
    }
)
# Heads of generic groups that take the document's country when unqualified ("protesters" in
# an article about Iraq are Iraqi protesters).
NATIONAL_HEADS = frozenset({"protesters", "protestors", "demonstrators", "militiamen", "gunmen"})
# Definite descriptions that refer back to the last organisation named ("the group fought").
ANAPHORIC_NOUNS = {
    "group": None,
    "organization": None,
    "organisation": None,
    "movement": None,
    "militia": "armed_group",
    "party": "party",
    "coalition": "coalition",
    "alliance": "coalition",
    "bloc": "coalition",
}
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my", "ourselves"})
# Heads whose national or named modifier is their backer: "Iranian proxies".
PROXY_HEADS = frozenset({"proxy", "proxies", "surrogate", "surrogates"})
