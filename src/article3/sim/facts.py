"""Summaries of facts for ordinary requests: several drafting styles per offence, thin ones included.

Placeholders are filled by ``fill``: {when} {later} {place} {victim} {days} {amount} {small} {kg}
{g} {n} {case} {who}/{Who} (the subject, the wanted person, ...), {he}/{He}/{his}/{him} (by sex).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from functools import cache
from string import Formatter

ORDINARY_FACTS: dict[str, tuple[str, ...]] = {
    "homicide": (
        "On {when} in {place} {who} stabbed {victim} several times during a quarrel over a debt; "
        "{victim} died of the wounds in hospital. Two witnesses and CCTV footage identify {who}, "
        "who left the country {days} days later.",
        "{Who} is accused of shooting dead {victim} outside a bar in {place} on {when}. The weapon was "
        "recovered near the scene; ballistic tests and the DNA found on it match {him}.",
        "In {when} in {place}, acting with an accomplice already convicted, {who} beat {victim} to death "
        "to take {his} car. The accomplice's statement, phone location data and the car, found in a "
        "neighbouring country, tie {him} to the killing.",
        "On the night of {when} {who} set fire to the house of {his} former partner in {place}; she "
        "and her mother died. Fire investigators found an accelerant and a neighbour saw {him} leave.",
    ),
    "robbery": (
        "On {when} in {place} {who} and two accomplices, armed with a pistol, robbed a jewellery shop "
        "owned by {victim}, taking items worth {amount} and injuring the shop assistant. {His} "
        "fingerprints were found on the display case.",
        "Between {when} and {later} {who} took part in five armed robberies of petrol stations in {place}. "
        "Masks and a shotgun were found in a garage {he} rented; the stolen cash was {amount}.",
        "On {when} {who} attacked a cash-in-transit van in {place} with three others, wounding a guard "
        "and taking {amount}. A co-defendant identified {him}; {his} phone was at the scene.",
        "{Who} robbed {victim} at knifepoint in {place} on {when}, taking {his_victims} savings. The "
        "victim identified {him} from photographs.",
    ),
    "drug_trafficking": (
        "Between {when} and the arrest of {his} co-accused, {who} organised the import of {kg} kg of "
        "cocaine through the port of {place}, hidden in containers of fruit. Intercepted calls and the "
        "seized consignment tie {him} to the shipments.",
        "{Who} ran a network that distributed heroin in {place} from {when}; {n} street sellers were "
        "arrested and several named {him} as their supplier. Police seized {kg} kg in a flat {he} rented.",
        "On {when} customs in {place} found {kg} kg of cannabis resin in a lorry registered to a "
        "company of {who}. Messages on the driver's phone show that {he} arranged the transport.",
        "From {when} to {later} {who} laundered the proceeds of cocaine sales in {place} through "
        "car dealerships and sent couriers abroad; {amount} was seized from the couriers.",
    ),
    "fraud": (
        "From {when} in {place} {who}, posing as a licensed adviser, obtained {amount} from {n} "
        "private investors, among them {victim}, for a fund that did not exist, and moved the money "
        "abroad. The victims have filed complaints and bank records confirm the transfers.",
        "{Who} ran a call centre in {place} that sold fake online trading accounts from {when}; "
        "{n} victims lost {amount}. Seized servers hold the scripts used and the client lists.",
        "In {when} {who} sold {victim} a flat in {place} {he} did not own, with forged title deeds, "
        "and received {amount}. The notary's records and a handwriting expert confirm the forgery.",
        "From {when} {who} obtained VAT refunds of {amount} in {place} for exports that never took "
        "place, using invoices of shell companies; the tax authority's audit documents the scheme.",
    ),
    "embezzlement": (
        "As chief accountant of a municipal water company in {place}, from {when} {who} transferred "
        "{amount} to accounts of firms {he} controlled under invented service contracts. The company's "
        "audit and bank records trace the transfers.",
        "{Who}, manager of a bank branch in {place}, withdrew {amount} from the accounts of {n} elderly "
        "clients between {when} and {later}, forging their signatures on withdrawal slips.",
        "From {when} {who}, director of a hospital in {place}, paid {amount} for medical equipment "
        "that was never delivered to a supplier owned by {his} brother-in-law; the inspection report "
        "and the supplier's bank statements document it.",
        "{Who} kept {amount} of members' contributions while treasurer of a pension fund in {place} "
        "from {when} to {later}; the fund's auditors found the shortfall.",
    ),
    "child_sexual_abuse": (
        "Between {when} and the following summer in {place} {who}, a coach at a youth club, sexually "
        "abused two boys aged 11 and 12 in {his} care. The victims' statements, medical reports and "
        "messages on {his} phone support the charge.",
        "{Who} produced and shared images of the sexual abuse of a girl aged 9 in {place} from {when}; "
        "the images were found on {his} laptop and the child was identified.",
        "In {when} {who} abused {his} partner's daughter, aged 12, in their home in {place}; the child "
        "disclosed the abuse to a teacher and a forensic interview and medical findings support it.",
        "From {when} {who} contacted {n} children online and induced them to send sexual images; chat "
        "logs obtained from the platform identify {his} accounts.",
    ),
    "sexual_assault": (
        "On {when} in {place} {who} raped a woman {he} had met that evening, in {his} car. Her "
        "statement, the medical examination and DNA evidence identify {him}.",
        "{Who} is accused of drugging and raping a colleague at a party in {place} in {when}; "
        "toxicology results and messages {he} sent afterwards support the charge.",
        "In {when} in {place} {who} assaulted a tourist in a hotel where {he} worked; CCTV shows "
        "{him} entering her room and {his} DNA was found.",
        "Between {when} and {later} {who} raped two women {he} contacted through a dating site in "
        "{place}; both identified {him} and phone records place {him} at the scenes.",
    ),
    "human_trafficking": (
        "From {when} {who} recruited {n} women in {place} with false offers of work abroad, took their "
        "passports and forced them into prostitution. Three victims identified {him}; payments were "
        "traced to {his} accounts.",
        "{Who} brought {n} farm workers to {place} from {when} and kept them in debt bondage, without "
        "pay, in locked barracks. Labour inspectors found them in {later}.",
        "From {when} to {later} {who} smuggled migrants across the border near {place} in sealed "
        "lorries for {small} each; two died of suffocation.",
        "{Who} sold {n} children for begging in {place} from {when}; the children and a co-accused "
        "gave statements.",
    ),
    "cybercrime": (
        "On {when} {who} deployed ransomware against the hospital of {place}, encrypting patient "
        "records, and demanded {amount} in cryptocurrency. Server logs and the wallet address link the "
        "attack to accounts registered by {him}.",
        "From {when} {who} ran a phishing service that stole banking credentials of {n} customers in "
        "{place}; {amount} was withdrawn. The hosting provider's records identify {him}.",
        "{Who} broke into the payroll system of a logistics company in {place} in {when} and redirected "
        "salaries of {amount} to accounts {he} opened with stolen identities.",
        "In {when} {who} sold access to compromised servers of a municipality in {place} on an online "
        "forum; the buyer's attack disabled public services for a week.",
    ),
    "corruption": (
        "In {when} in {place} {who} paid {amount} to a municipal procurement official to win a "
        "road-building contract; the official has confessed and bank records show the payments made "
        "through a company controlled by {him}.",
        "As head of the customs post at {place}, from {when} {who} accepted {amount} in bribes to let "
        "lorries through without inspection; intercepted calls and cash found in {his} home support it.",
        "{Who} offered {small} to a traffic police officer in {place} on {when} to drop a drink-driving "
        "case and, when refused, {amount} to his superior; both reported it.",
        "From {when} {who}, deputy head of the land registry in {place}, took {amount} to register "
        "plots for a developer; the developer's accountant gave evidence.",
    ),
    "terrorism": (
        "On {when} {who} placed an explosive device at a bus station in {place}; {n} people were "
        "injured and two died. CCTV, the device's components bought by {him} and {his} DNA identify {him}.",
        "{Who} travelled from {place} in {when} to join an armed group abroad and took part in attacks "
        "on civilians; {his} own videos and a returning member's testimony support the charge.",
        "In {when} {who} prepared an attack on a concert hall in {place}, buying weapons and explosives; "
        "two accomplices were arrested with them and named {him} as the organiser.",
        "{Who} shot two police officers at a checkpoint near {place} on {when}, killing one; the rifle "
        "and witnesses identify {him}.",
    ),
    "extortion": (
        "From {when} {who} and others demanded monthly payments of {small} from shopkeepers in "
        "{place}, burning the shop of one who refused. {n} victims gave statements.",
        "In {when} {who} threatened {victim} in {place} to publish intimate images unless paid "
        "{amount}; the messages were traced to {his} phone.",
        "{Who} kidnapped a businessman's son in {place} on {when} and demanded {amount}; the ransom "
        "call was traced and the boy freed.",
        "From {when} {who} collected {amount} from construction firms in {place} under threat of "
        "violence on behalf of a criminal group; recorded calls support the charge.",
    ),
    "illegal_weapons": (
        "Between {when} and {later} {who} bought {n} pistols abroad and sold them in {place}; two "
        "were used in murders. Test purchases by police and {his} messages support the charge.",
        "On {when} police found {n} assault rifles and ammunition in a warehouse in {place} rented by "
        "{who}, who had been selling them to a criminal group.",
        "{Who} converted blank-firing pistols into working firearms in a workshop in {place} from "
        "{when} and sold at least {n}; the workshop was searched in {later}.",
        "In {when} {who} shipped {n} rifles hidden in machine parts from {place}; customs seized them "
        "and the shipping documents bear {his} signature.",
    ),
}
# Thin drafting (about 15% of genuine requests): acts, time and place, but no evidence named,
# boilerplate procedure, and little more than the charge.
THIN_FACTS = (
    "Criminal case No. {case} was opened in {place}. According to the investigation, {who} "
    "committed {act} in {when}. A measure of restraint in the form of detention was ordered in "
    "absentia. {Who} is wanted.",
    "In {when} in {place}, {who} committed {act}. The investigation established {his} "
    "involvement. The court ordered {his} arrest and {he} is being searched for.",
    "{Who} is charged with {act}, committed in {place} in {when}, in accordance with the "
    "criminal legislation in force. The arrest warrant remains valid.",
)
THIN_ACTS = {
    "homicide": "the murder of {victim}", "robbery": "the armed robbery of a shop",
    "drug_trafficking": "the illegal sale of {kg} kg of narcotic drugs", "fraud": "the fraudulent "
    "taking of {amount} from citizens", "embezzlement": "the embezzlement of {amount} entrusted to {him}",
    "child_sexual_abuse": "sexual acts against a minor", "sexual_assault": "the rape of a woman",
    "human_trafficking": "the sale of persons for exploitation", "cybercrime": "unlawful access to "
    "computer information", "corruption": "giving a bribe of {amount} to an official",
    "terrorism": "a terrorist act with the use of explosives", "extortion": "the extortion of "
    "{amount} under threat of violence", "illegal_weapons": "the illegal sale of firearms",
}  # fmt: skip
# Genuine economic cases that also involve a civil/arbitration dispute or a state-owned victim:
# real embezzlement from state companies and frauds with parallel civil claims exist.
DISPUTE_FACTS = (
    "As finance director of a state-owned railway company in {place}, from {when} {who} transferred "
    "{amount} of the company's funds to shell firms {he} controlled under fictitious service "
    "contracts. The company's internal audit traces the transfers; a civil claim for recovery has "
    "been filed in parallel.",
    "{Who}, co-owner of a construction firm in {place}, sold the same flats to {n} buyers between "
    "{when} and {later}, collecting {amount} in deposits. The buyers' civil suits against the firm are "
    "pending; the criminal case concerns the deception.",
    "From {when} {who}, head of a regional branch of a state-owned bank in {place}, approved loans of "
    "{amount} without collateral to companies controlled by {his} relatives; they were never repaid. "
    "The central bank's inspection documents the scheme; arbitration proceedings against the "
    "borrowers are pending.",
    "After a shareholder dispute in {place}, {who}, a former managing partner, withdrew {amount} from "
    "the company's accounts in {when} by forging the other partners' signatures on payment orders. "
    "Handwriting experts confirm the forgery; the commercial court has frozen the company's assets.",
    "{Who}, director of a state-owned defence supplier in {place}, inflated the prices of parts "
    "delivered from {when} to {later} and split the difference of {amount} with the subcontractor; "
    "the ministry's audit and the subcontractor's confession support the charge.",
)
PLACES = ("the capital", "the port city", "the northern region", "the regional centre", "the border district",
          "the industrial city", "the southern province", "a suburb of the capital")  # fmt: skip
VICTIMS = ("a shop owner", "his business partner", "a pensioner", "a taxi driver", "a neighbour", "a student",
           "a farmer", "a tourist")  # fmt: skip
WHO = ("the subject", "the wanted person", "the accused", "the suspect")


_RANDOM: dict[str, Callable[[random.Random], object]] = {
    "place": lambda r: r.choice(PLACES),
    "victim": lambda r: r.choice(VICTIMS),
    "days": lambda r: r.randint(2, 30),
    "amount": lambda r: f"EUR {r.randint(2, 900) * 10_000:,}",
    "small": lambda r: f"EUR {r.randint(2, 90) * 100:,}",
    "kg": lambda r: r.randint(20, 900),
    "g": lambda r: r.randint(2, 60),
    "n": lambda r: r.randint(3, 400),
    "w": lambda r: r.randint(2, 12),
    "case": lambda r: f"{r.randint(1, 9)}{r.randint(10_000, 99_999)}",
}


@cache
def _fields(template: str) -> tuple[str, ...]:
    return tuple(sorted({name for _, name, _, _ in Formatter().parse(template) if name}))


def fill(template: str, rng: random.Random, when: date, later: date, sex: str = "M", act: str = "") -> str:
    """A template with its placeholders filled (module docstring); draws only what it uses."""
    fields = set(_fields(template)) | set(_fields(act))
    values: dict[str, object] = {k: _RANDOM[k](rng) for k in sorted(fields & _RANDOM.keys())}
    who = rng.choice(WHO)
    he, his, him = ("she", "her", "her") if sex == "F" else ("he", "his", "him")
    values.update(
        when=when.strftime("%B %Y"), later=later.strftime("%B %Y"), who=who, Who=who[0].upper() + who[1:],
        he=he, He=he.capitalize(), his=his, His=his.capitalize(), him=him, his_victims="the victim's",
    )  # fmt: skip
    if act:
        values["act"] = act.format(**values)
    return template.format(**values)
