"""The commission's use cases, in one place for the entry points: lodge, assess, consult, answer,
rule on a restriction, extend, block, decide, the clock's job and the sweep of staged documents;
and the reads (the register, the figures).

Each use case changes data in the caller's transaction and records one audit entry per business
event. They live in ``lodging`` (lodging, documents, the applicant's login), ``procedure``
(admissibility, consultation, extensions), ``decisions`` (block, decision; the binding effects are
in ``effects``), ``later`` (cases meet the requests submitted after them), ``deadlines`` (the
clock's job) and ``documents`` (files that follow the transaction); reads in ``views``.
"""

from __future__ import annotations

from article3.complaints.cases import CLOCK_ACTOR, PORTAL_ACTOR
from article3.complaints.deadlines import check_deadlines
from article3.complaints.decisions import block, decide
from article3.complaints.documents import sweep as sweep_documents
from article3.complaints.effects import DeletedRequest, DeletionHook, linked_documents
from article3.complaints.later import Hold, clear, link_later, publication_hold
from article3.complaints.lodging import lodge
from article3.complaints.procedure import answer, assess, consult, extend, rule_restriction
from article3.complaints.views import (
    applicant_views,
    consultation_for,
    consultations_for,
    country_outcomes,
    document_bytes,
    figures,
    get,
    list_cases,
    outcomes_by_country,
    overdue_list,
    public_register,
    request_outcomes,
    requester_outcomes,
    to_read,
)

__all__ = [
    "CLOCK_ACTOR",
    "PORTAL_ACTOR",
    "DeletedRequest",
    "DeletionHook",
    "Hold",
    "answer",
    "applicant_views",
    "assess",
    "block",
    "check_deadlines",
    "clear",
    "consult",
    "consultation_for",
    "consultations_for",
    "country_outcomes",
    "decide",
    "document_bytes",
    "extend",
    "figures",
    "get",
    "link_later",
    "linked_documents",
    "list_cases",
    "lodge",
    "outcomes_by_country",
    "overdue_list",
    "public_register",
    "publication_hold",
    "request_outcomes",
    "requester_outcomes",
    "rule_restriction",
    "sweep_documents",
    "to_read",
]
