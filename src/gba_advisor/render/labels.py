"""Human labels for rule ids, shared by the table and Markdown renderers."""

from __future__ import annotations

RULE_LABELS = {
    "sector_fit": "Sector fit",
    "secondary_sector_fit": "Secondary sectors",
    "function_fit": "Function fit",
    "market_gateway": "Market gateway",
    "home_affinity": "Home-region affinity",
    "rd_needs": "R&D needs",
    "rd_intensity": "R&D intensity",
    "function_gate": "Cannot host",
    "function_scores": "Function scores (mean)",
    "extra_site_cost": "Extra sites",
}


def rule_label(rule: str) -> str:
    if rule in RULE_LABELS:
        return RULE_LABELS[rule]
    family, _, detail = rule.partition(".")
    if family == "priority":
        return f"Priority: {detail.replace('_', ' ')}"
    if family == "synergy":
        return f"Synergy: {detail.replace('_', ' ')}"
    return rule
