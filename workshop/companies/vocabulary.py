"""The closed vocabularies of the digital journey, shared by the register, the survey and the
neighbourhood-office draft. Values are stable English keys; the UI shows them through the
catalog (``companies.size.1-4``, ``companies.need.connectivity``, ``companies.dimension.data``)."""

from __future__ import annotations

__all__ = ["SIZE_CLASSES", "SIZE_BANDS", "size_band", "NEEDS", "DIMENSIONS", "ASSESSMENT_MODES", "SMALL_GROUP"]

#: SCB's size classes by number of employees, in order: every class a register extract from
#: SCB's Företagsregister can hold (storleksklass 1-16, "0 anställda" to "10000+ anställda").
#: The last, "500+", is no SCB class of its own: it is what an extract (or a table of SCB's that
#: stops at 500) writes when it does not tell the larger classes apart, and what was stored
#: before the register knew them; it is kept so that such a company keeps its size.
SIZE_CLASSES = (
    "0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199", "200-499",
    "500-999", "1000-1499", "1500-1999", "2000-2999", "3000-3999", "4000-4999", "5000-9999", "10000+",
    "500+",
)

#: The EU's bands (Recommendation 2003/361/EC, by employees): micro < 10, small < 50, medium < 250.
#: SCB's class 200-499 straddles the medium limit of 250; it is counted as "large" here, since a
#: company with 250 employees or more is not an SME and the class cannot tell the two apart.
SIZE_BANDS = {
    "0": "micro", "1-4": "micro", "5-9": "micro",
    "10-19": "small", "20-49": "small",
    "50-99": "medium", "100-199": "medium",
    **{size: "large" for size in SIZE_CLASSES[SIZE_CLASSES.index("200-499"):]},
}


def size_band(size_class: str) -> str:
    """The EU band of an SCB size class.

    >>> size_band("1-4"), size_band("20-49"), size_band("50-99")
    ('micro', 'small', 'medium')
    """
    return SIZE_BANDS[size_class]


#: What a company may need on its digital journey (the survey's needs part).
NEEDS = ("connectivity", "skills", "premises", "equipment", "advice", "support_person")

#: The six dimensions of the EU/JRC Digital Maturity Assessment for SMEs, each scored 0-100.
DIMENSIONS = ("strategy", "readiness", "human", "data", "automation", "green")

ASSESSMENT_MODES = ("self", "interview")

#: No aggregate is shown or exported for fewer companies than this (nobody singled out).
SMALL_GROUP = 5
