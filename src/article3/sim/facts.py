"""The acts of ordinary cases, per offence, and the context sentences of a business dispute.

Each act is a predicate put into sentences by ``sim/drafting.py`` (the same composer for genuine
and abusive drafts), with the kinds of evidence that fit it (its principal kind first). The
economic acts (fraud, embezzlement, corruption, tax evasion, smuggling, illegal business) come in
two pools that both classes draw from:
``ECONOMIC_ACTS``, ordinary schemes, and ``RAIDING_ACTS``, schemes of the §P1 raiding shape
(dissent-laws.md: a state bank or corporation as injured party, offshore loans, a shares swap,
donations recast), with a share per class (``GENUINE_RAIDING_ACT_SHARE`` here,
``abuse.RAIDING_ACT_SHARE`` there). What §P1 adds besides is the context, ``DISPUTES``: a civil or
arbitration dispute, a shareholders' complaint or dispute, assets seized or frozen, a state-owned
injured party. Genuine economic cases carry it too (``generate.DISPUTE_RATE``), with the weights
of ``GENUINE_DISPUTES``."""

from __future__ import annotations

import random
from datetime import date

from article3.sim.drafting import Act, Draft, act, compose

ORDINARY_ACTS: dict[str, tuple[Act, ...]] = {
    "homicide": (
        act("stabbed {victim} several times during a quarrel over a debt; the victim died of the wounds "
            "in hospital", "the murder of {victim}", "witnesses cctv"),
        act("shot dead {victim} outside a bar", "the murder of {victim}", "found forensic"),
        act("acting with an accomplice already convicted, beat {victim} to death to take the victim's car, "
            "later found in a neighbouring country", "the murder of {victim}", "co_accused digital"),
        act("set fire to the house of {his} former partner; she and her mother died", "the murder of two "
            "persons by arson", "forensic found victim"),
    ),
    "robbery": (
        act("robbed a jewellery shop owned by {victim} with two armed accomplices, taking items worth "
            "{amount} and injuring the shop assistant", "the armed robbery of a shop", "found cctv"),
        act("took part in five armed robberies of petrol stations and took {amount} in cash; masks and a "
            "shotgun were found during a search of a garage {he} rented", "a series of armed robberies",
            "seized search",
            period=True),
        act("attacked a cash-in-transit van with three others, wounding a guard and taking {amount}",
            "the armed robbery of a cash-in-transit van", "co_accused digital found"),
        act("robbed {victim} at knifepoint, taking the victim's savings", "robbery with a knife",
            "victim"),
    ),
    "drug_trafficking": (
        act("organised the import of {kg} kg of cocaine through the port of {place}, hidden in containers "
            "of fruit", "the illegal import of {kg} kg of narcotic drugs", "seized digital", period=True),
        act("ran a network that distributed heroin through {n} street sellers", "the illegal sale of "
            "narcotic drugs by an organised group", "seized co_accused", period=True),
        act("arranged the transport of {kg} kg of cannabis resin, found by customs in a lorry registered "
            "to {his} company", "the illegal transport of {kg} kg of narcotic drugs", "digital found"),
        act("laundered the proceeds of cocaine sales through car dealerships and sent couriers abroad with "
            "{amount}", "the illegal sale of narcotic drugs", "seized documents", period=True),
        act("kept {kg} kg of cocaine, packed for sale, in a flat {he} rented", "the possession of "
            "narcotic drugs for sale", "seized search forensic"),
    ),
    "child_sexual_abuse": (
        act("as a coach at a youth club, sexually abused two boys aged 11 and 12 in {his} care",
            "sexual acts against a minor", "victim forensic digital", period=True),
        act("produced and shared images of the sexual abuse of a girl aged 9; the images were found on "
            "{his} laptop and the child was identified", "the production of child sexual abuse material",
            "digital", period=True),
        act("abused {his} partner's daughter, aged 12, in their home; the child disclosed the abuse to a "
            "teacher", "sexual acts against a minor", "victim forensic found"),
        act("contacted {n} children online and induced them to send sexual images", "sexual acts "
            "against minors", "digital speech", period=True),
    ),
    "sexual_assault": (
        act("raped a woman {he} had met that evening, in {his} car", "the rape of a woman",
            "victim forensic found"),
        act("drugged and raped a colleague at a party", "the rape of a woman", "forensic digital"),
        act("assaulted a tourist in a hotel where {he} worked", "the rape of a woman", "cctv found"),
        act("raped two women {he} contacted through a dating site", "the rape of two women",
            "victim digital", period=True),
    ),
    "human_trafficking": (
        act("recruited {n} women with false offers of work abroad, took their passports and forced them "
            "into prostitution", "the sale of persons for exploitation", "victim payments", period=True),
        act("brought {n} farm workers from abroad and kept them in debt bondage, without pay, in locked "
            "barracks, where labour inspectors found them", "the sale of persons for exploitation",
            "victim", period=True),
        act("smuggled migrants across the border in sealed lorries for {small} each; two died of "
            "suffocation", "the smuggling of migrants", "co_accused digital", period=True),
        act("sold {n} children for begging", "the sale of children", "co_accused victim", period=True),
    ),
    "cybercrime": (
        act("deployed ransomware against the hospital of {place}, encrypting patient records, and demanded "
            "{amount} in cryptocurrency", "unlawful access to computer information", "digital"),
        act("ran a phishing service that stole the banking credentials of {n} customers; {amount} was "
            "withdrawn", "unlawful access to computer information", "digital payments", period=True),
        act("broke into the payroll system of a logistics company and redirected salaries of {amount} to "
            "accounts {he} opened with stolen identities", "computer fraud", "digital documents"),
        act("sold access to compromised servers of a municipality on an online forum; the buyer's attack "
            "disabled public services for a week", "unlawful access to computer information",
            "digital seized"),
    ),
    "terrorism": (
        act("placed an explosive device at a bus station; {n} people were injured and two died",
            "a terrorist act with the use of explosives", "cctv found forensic"),
        act("travelled to join an armed group abroad and took part in attacks on civilians",
            "participation in a terrorist act", "digital co_accused", period=True),
        act("prepared an attack on a concert hall, buying weapons and explosives; two accomplices were "
            "arrested with them and named {him} as the organiser", "the preparation of a terrorist act",
            "co_accused seized", period=True),
        act("shot two police officers at a checkpoint, killing one", "a terrorist act causing death",
            "found forensic"),
    ),
    "extortion": (
        act("demanded monthly payments of {small} from shopkeepers with others and burned the shop of one "
            "who refused", "the extortion of money under threat of violence", "victim", period=True),
        act("threatened {victim} to publish intimate images unless paid {amount}", "the extortion of "
            "{amount} under threat", "digital"),
        act("kidnapped a businessman's son and demanded {amount}; the boy was freed", "kidnapping for "
            "ransom", "digital victim"),
        act("collected {amount} from construction firms under threat of violence on behalf of a criminal "
            "group", "the extortion of {amount} under threat of violence", "digital co_accused",
            period=True),
    ),
    "illegal_weapons": (
        act("bought {n} pistols abroad and sold them; two were used in murders", "the illegal sale of "
            "firearms", "digital seized", period=True),
        act("kept {n} assault rifles and ammunition in a warehouse {he} rented and sold them to a criminal "
            "group", "the illegal sale of firearms", "found seized", period=True),
        act("converted blank-firing pistols into working firearms in a workshop and sold at least {n}",
            "the illegal manufacture of firearms", "search found", period=True),
        act("shipped {n} rifles hidden in machine parts", "the illegal transport of firearms",
            "seized documents"),
        act("kept {n} pistols and ammunition in {his} garage without a permit and sold some of them",
            "the illegal possession of firearms", "found search"),
    ),
}  # fmt: skip
# Economic acts of ordinary schemes: genuine economic cases draw them, and so do abusive financial
# charges when they are not drafted as a raid (1 - abuse.RAIDING_ACT_SHARE): the scheme alleged
# then reads like a real one.
ECONOMIC_ACTS: dict[str, tuple[Act, ...]] = {
    "fraud": (
        act("posing as a licensed adviser, obtained {amount} from {n} private investors, among them "
            "{victim}, for a fund that did not exist, and moved the money abroad", "the fraudulent taking "
            "of {amount} from citizens", "bank victim", period=True),
        act("ran a call centre that sold fake online trading accounts; {n} victims lost {amount}",
            "the fraudulent taking of {amount} from citizens", "seized digital found", period=True),
        act("sold {victim} a flat {he} did not own, with forged title deeds, and received {amount}",
            "fraud on an especially large scale", "documents"),
        act("obtained VAT refunds of {amount} for exports that never took place, using invoices of shell "
            "companies", "fraud on an especially large scale", "audit documents", period=True),
        act("sold the same flats to {n} buyers and collected {amount} in deposits", "the fraudulent "
            "taking of {amount} from citizens", "documents victim", period=True),
    ),
    "embezzlement": (
        act("as chief accountant of a water company, transferred {amount} to accounts of firms {he} "
            "controlled under invented service contracts", "the embezzlement of {amount} entrusted to {him}",
            "accounts documents", period=True),
        act("as manager of a bank branch, withdrew {amount} from the accounts of {n} elderly clients, "
            "forging their signatures on withdrawal slips", "the embezzlement of {amount} entrusted to "
            "{him}", "documents victim", period=True),
        act("as director of a hospital, paid {amount} for medical equipment never delivered to a supplier "
            "owned by {his} brother-in-law", "the embezzlement of {amount} entrusted to {him}",
            "audit bank", period=True),
        act("as treasurer of a pension fund, kept {amount} of members' contributions", "the embezzlement "
            "of {amount} entrusted to {him}", "audit", period=True),
    ),
    "corruption": (
        act("paid {amount} to a municipal procurement official to win a road-building contract, through a "
            "company controlled by {him}", "giving a bribe of {amount} to an official",
            "confession payments"),
        act("as head of the customs post, accepted {amount} in bribes to let lorries through without "
            "inspection; a search of {his} home found {small} in cash", "taking bribes of {amount}",
            "digital", period=True),
        act("offered {small} to a traffic police officer to drop a drink-driving case and then {amount} to "
            "the officer's superior; both reported it", "giving a bribe to an official",
            "digital confession"),
        act("as deputy head of the land registry, took {amount} to register plots for a developer",
            "taking a bribe of {amount}", "documents confession", period=True),
    ),
    "tax_evasion": (
        act("as owner of a construction group, evaded taxes of {amount} through fictitious deductions",
            "tax evasion in an especially large amount", "audit documents bank", period=True),
        act("ran a chain of companies that traded the same goods in a circle and claimed VAT refunds of "
            "{amount}", "tax evasion in an especially large amount", "audit bank documents", period=True),
        act("paid the wages of {n} employees in cash off the books, evading taxes and contributions of "
            "{amount}", "tax evasion by an organisation", "audit witnesses documents", period=True),
        act("did not declare income of {amount} from the sale of properties and kept it in accounts opened "
            "in the names of relatives", "tax evasion in an especially large amount", "bank audit",
            period=True),
    ),
    "smuggling": (
        act("smuggled {n} thousand cartons of cigarettes in lorries with false customs declarations, evading "
            "duties of {amount}", "smuggling on an especially large scale", "seized documents", period=True),
        act("moved goods worth {amount} across the border with false customs declarations, paying the "
            "suppliers through offshore companies", "smuggling on an especially large scale",
            "documents audit", period=True),
        act("acting in a group, carried {amount} in cash across the border in hidden compartments of cars "
            "for a drug network", "the smuggling of cash", "seized digital co_accused", period=True),
        act("imported {n} containers of electronics declared as spare parts, evading duties of {amount}",
            "the evasion of customs duties", "documents seized"),
    ),
    "illegal_business": (
        act("acting in an organised group, ran an unlicensed currency exchange with a turnover of {amount}",
            "illegal entrepreneurship", "bank witnesses", period=True),
        act("ran a trading business without registration and received income of {amount}",
            "illegal entrepreneurship", "bank documents", period=True),
        act("ran an unlicensed bank that cashed out {amount} for companies through shell firms",
            "illegal banking activity", "bank digital documents", period=True),
        act("operated {n} unlicensed gaming halls with a turnover of {amount}", "illegal entrepreneurship",
            "seized witnesses", period=True),
    ),
}  # fmt: skip
ORDINARY_ACTS.update(ECONOMIC_ACTS)
# Economic acts of the §P1 raiding shape (a state bank or corporation as the injured party, loans to
# offshore firms, a shares swap, donations recast, money moved abroad), for the same charges. Abusive
# financial charges draw them (abuse.RAIDING_ACT_SHARE); genuine economic cases seldom
# (GENUINE_RAIDING_ACT_SHARE): real schemes of this shape exist. Their evidence, when named, is the
# set an investigator of a raid lists: bank records and an accounting audit, then witnesses.
RAID_EVIDENCE = "accounts witnesses insider"
RAIDING_ACTS: dict[str, tuple[Act, ...]] = {
    "fraud": (
        act("obtained {amount} from a bank by deception, using loan agreements that were never meant to be "
            "repaid", "fraud on an especially large scale", RAID_EVIDENCE),
        act("transferred to a bank shares of a company of lesser value in exchange for a stake worth "
            "{amount}", "fraud on an especially large scale", RAID_EVIDENCE),
        act("as managing partner of an investment fund, obtained {amount} from a state bank for projects "
            "that were never carried out and moved the money abroad through offshore companies",
            "fraud on an especially large scale", RAID_EVIDENCE, period=True),
    ),
    "embezzlement": (
        act("as general director of a trading company, misappropriated {amount} through fictitious supply "
            "contracts and moved the proceeds to accounts abroad", "the embezzlement of {amount} entrusted "
            "to {him}", RAID_EVIDENCE, period=True),
        act("as chairman of the board of a bank, issued loans of {amount} to offshore companies under {his} "
            "control and moved the money abroad", "the embezzlement of {amount} entrusted to {him}",
            RAID_EVIDENCE, period=True),
        act("as co-owner of a supplier to the state sector, concluded contracts at inflated prices with a "
            "state corporation, causing it damage of {amount}", "the embezzlement of {amount} entrusted "
            "to {him}", RAID_EVIDENCE, period=True),
        act("as head of a foundation, spent {amount} of donations on purposes other than those declared",
            "the embezzlement of {amount} entrusted to {him}", RAID_EVIDENCE, period=True),
    ),
    "corruption": (
        act("as owner of a construction holding, paid {amount} to officials of the regional administration "
            "to win public contracts through offshore companies", "giving a bribe of {amount} to an official",
            RAID_EVIDENCE, period=True),
    ),
    # §P1 "same shape against opponents and NGOs": donor money or foreign income recast as undeclared
    # income, currency smuggling or unregistered business (Bialiatski, Abzas Media), a company's tax
    # arrangements recast as evasion (Yukos).
    "tax_evasion": (
        act("received {amount} from foreign sources on {his} personal accounts abroad and did not declare "
            "this income", "tax evasion in an especially large amount", RAID_EVIDENCE, period=True),
        act("as head of a foundation, received {amount} in foreign donations and made payments that were "
            "not reported", "tax evasion in an especially large amount", RAID_EVIDENCE, period=True),
        act("as owner of an oil company, evaded taxes of {amount} through trading companies registered in "
            "low-tax regions", "tax evasion by an organisation", RAID_EVIDENCE, period=True),
    ),
    "smuggling": (
        act("acting in a group, brought foreign currency of {amount} into the country without declaring "
            "it at customs", "the smuggling of foreign currency", RAID_EVIDENCE, period=True),
        act("received grants of {amount} in cash, brought across the border by couriers and not declared",
            "the smuggling of currency", RAID_EVIDENCE, period=True),
    ),
    "illegal_business": (
        act("as head of an unregistered association, received {amount} in grants and spent it on paid "
            "services without registration", "illegal entrepreneurship", RAID_EVIDENCE, period=True),
    ),
}  # fmt: skip
GENUINE_RAIDING_ACT_SHARE = 0.02  # genuine economic cases whose scheme has the raiding shape

# §P1 context: the dispute around an economic case, one sentence per shape. Genuine cases with a
# dispute use these sentences as abusive ones do; only the weights of the shapes differ
# (GENUINE_DISPUTES here, abuse.RAIDING_DISPUTES there). A shape may name two things at once (a
# state-owned injured party that sued; a shareholder dispute after which assets were frozen).
DISPUTES: dict[str, tuple[str, ...]] = {
    "civil_claim": ("The injured parties' civil suits against {his} company are pending.",
                    "A civil claim for recovery of the damage has been filed in parallel."),
    "state_civil_claim": ("The state-owned {enterprise} has filed a civil claim for recovery of the "
                          "damage.",),
    "arbitration": ("Arbitration proceedings between the company and its counterparties are pending.",),
    "ownership_dispute": ("A dispute over the ownership of the company is pending before the arbitration "
                          "court.",),
    "minority_shareholders": ("The case was opened on the statement of the company's minority "
                              "shareholders.",),
    "shareholder_dispute": ("After a shareholder dispute over control of the company, the commercial court "
                            "has frozen the company's assets.",),
    "assets_seized": ("The company's property has been seized to secure the damage.",),
    "state_victim": ("The injured party is a state-owned {enterprise}.",
                     "The damage was caused to a state-owned {enterprise}, a supplier to the state sector."),
}  # fmt: skip
# Weights of the shapes in genuine economic cases: state-owned injured parties and civil recovery are
# common beside real frauds; a shareholder dispute or an arbitration now and then; property seized
# to secure the damage is an ordinary step of an investigation (8%); a minority shareholders'
# complaint or an ownership dispute now and then (3%, 2%: real frauds on a company are often
# reported by its minority owners). Every shape appears in both classes, with other weights.
GENUINE_DISPUTES = {"state_victim": 0.28, "state_civil_claim": 0.23, "civil_claim": 0.08,
                    "shareholder_dispute": 0.16, "arbitration": 0.12, "assets_seized": 0.08,
                    "minority_shareholders": 0.03, "ownership_dispute": 0.02}  # fmt: skip
SECOND_DISPUTE = 0.3  # a second dispute sentence (the same for genuine and abusive drafts)


def disputes(rng: random.Random, weights: dict[str, float]) -> list[str]:
    """One or two context sentences of a business dispute, with the given weights per shape."""
    shapes = rng.choices(list(weights), list(weights.values()), k=2 if rng.random() < SECOND_DISPUTE else 1)
    return [rng.choice(DISPUTES[shape]) for shape in dict.fromkeys(shapes)]


def ordinary(
    rng: random.Random, offence: str, when: date, later: date, sex: str, *, thin: bool, dispute: bool,
    evidence: bool,
) -> str:  # fmt: skip
    """The summary of a genuine case of ``offence``."""
    context = disputes(rng, GENUINE_DISPUTES) if dispute else []
    raid = offence in RAIDING_ACTS and rng.random() < GENUINE_RAIDING_ACT_SHARE
    acts = RAIDING_ACTS[offence] if raid else ORDINARY_ACTS[offence]
    draft = Draft(rng.choice(acts), evidence=evidence, thin=thin, context=context)
    return compose(rng, draft, when, later, sex)
