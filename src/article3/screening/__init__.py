"""Screening: pure rules that weigh a wanted-person request before any human review.

Given a `ScreeningInput` (the request, register hits, history, the requester's record and the
measures in force), `rulesets.assess` returns an `Assessment`: a risk in 0..1, a route
(`blocked`, `enhanced_review`, `standard_review`, `fast_track`) and the findings that explain
both, most important first. Nothing here touches a database, a clock or the network.
"""
