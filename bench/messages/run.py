"""`python -m bench.messages.run [--ordinary 2000] [--gallery 2000]`: false holds and monitoring time.

A fresh instance (temporary SQLite, member countries, fixed clock) gets a person index of published
red notices from many countries (names in Latin, Cyrillic and Arabic script), Russia's refused
requests, refugees registered against Russia, commission deletions and journalists. Then:

* ordinary messages, in English, French, Spanish, Arabic and Russian, from ten bureaus in turn
  (the clock moves 30 minutes a message): asks to locate or arrest subjects of *published* notices,
  asks about persons unknown to the system, messages about refused or protected persons that ask
  nothing about location or arrest, and administrative messages naming officers and requests.
  None of them should be held: every hold is a false hold;
* circumvention attempts: Russia asking, in each language, for the whereabouts, address or arrest
  of a person it was refused or who is protected against it, by name in the text or by reference.
  Each should be held.

Then the extended set (its own random streams, so the figures above do not move): Chinese
messages (asks about persons unknown to the system, letters about protected persons that ask
nothing, administrative notes) and Chinese attempts about persons registered against Russia in Han
script; and letters sent as a PDF attachment behind a neutral cover note (ordinary asks about
published or unknown persons, attempts about refused or protected ones, in the five languages).

It prints the false-hold share per kind and language, the share of attempts held, and the time
monitoring adds per message (the `monitor.examine` call inside `send`, PDF reading included),
p50/p95/mean.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import icu
from faker import Faker
from tests.messages import pdfs

from article3.actors import Actor
from article3.db.session import transaction
from article3.messages import monitor
from article3.messages import service as messages
from article3.messages.schemas import MessageSend
from article3.register import service as register
from article3.register.rules import ProtectionKind
from article3.register.schemas import ProtectionRegister
from article3.scenarios.runner import instance
from article3.search import service as search
from article3.search.access import request_access
from article3.search.schemas import PersonQuery, PersonRecord

LANGS = ("en", "fr", "es", "ar", "ru")
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AA", "ru": "ru_RU"}
SENDERS = ("RU", "FR", "ES", "DE", "IT", "TR", "AE", "EG", "MA", "GB")
ASK = {
    "en": "Dear colleagues, please establish the whereabouts of {name} and tell us the current address.",
    "fr": "Chers collègues, nous vous prions de localiser {name} et de nous communiquer son adresse.",
    "es": "Estimados colegas, solicitamos información sobre el paradero de {name}.",
    "ar": "نرجو تحديد مكان وجود المدعو {name} والقبض عليه",
    "ru": "Уважаемые коллеги! Просим установить местонахождение {name} и сообщить адрес проживания.",
}
ABOUT = {
    "en": "Dear colleagues, we received your letter of 3 May concerning {name}. The court documents in case {ref} will follow next week.",  # noqa: E501
    "fr": "Chers collègues, nous accusons réception de votre courrier concernant {name}. Les pièces du dossier {ref} suivront.",  # noqa: E501
    "es": "Estimados colegas, acusamos recibo de su carta relativa a {name}. Los documentos del expediente {ref} seguirán.",  # noqa: E501
    "ar": "نحيطكم علما باستلام رسالتكم بشأن {name} وسنرسل وثائق المحكمة في القضية {ref} الاسبوع القادم",
    "ru": "Уважаемые коллеги! Подтверждаем получение вашего письма относительно {name}. Документы суда по делу {ref} будут направлены.",  # noqa: E501
}
ADMIN = {
    "en": "Dear colleagues, {name}, our duty officer, will attend the meeting in Lyon. Please update the contact details of your bureau. Ref. {ref}.",  # noqa: E501
    "fr": "Chers collègues, {name}, notre officier de permanence, participera à la réunion de Lyon. Réf. {ref}.",  # noqa: E501
    "es": "Estimados colegas, {name}, nuestro oficial de guardia, asistirá a la reunión de Lyon. Ref. {ref}.",
    "ar": "نود اعلامكم بان الضابط {name} سيحضر الاجتماع في ليون بخصوص الملف {ref}",
    "ru": "Уважаемые коллеги! {name}, наш дежурный сотрудник, примет участие в совещании в Лионе. Исх. {ref}.",  # noqa: E501
}
ZH = {
    "ask": "各位同事：请贵方协助查明{name}的下落，并告知其现住址。",
    "about": "各位同事：我们已收到贵方关于{name}的来函，案件{ref}的法院文件将于下周寄出。",
    "admin": "各位同事：我局值班警官{name}将出席里昂会议，请更新贵局的联系方式。编号{ref}。",
}
COVER = "Dear colleagues, please find our letter attached."
# The extended set moves the clock 3 hours a message: Russia's runs of attempts then stay under the
# volume rule (20 asking messages a day), so a hold there is the content's doing, not the volume's.
EXTENDED_GAP = timedelta(hours=3)
LATIN = {
    "ru": icu.Transliterator.createInstance("Russian-Latin/BGN"),
    "ar": icu.Transliterator.createInstance("Arabic-Latin"),
}


def written(name: str, script_lang: str, lang: str) -> str:
    """The name as a message in ``lang`` would write it: Latin for en/fr/es, own script otherwise."""
    if lang in ("en", "fr", "es") and script_lang in LATIN:
        return str(LATIN[script_lang].transliterate(name)).title()
    return name


class Bench:
    def __init__(self, system: Any, seed: int) -> None:
        self.system, self.rng = system, random.Random(seed)
        self.fakers = {lang: Faker(LOCALES[lang]) for lang in LANGS}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed + i)
        self.times: list[float] = []
        self.published: list[tuple[str, str]] = []
        self.targets: list[tuple[str, str, str]] = []  # name, its script's language, kind
        self.extra_rng = random.Random(seed + 1000)  # the extended set's own streams
        self.zh = Faker("zh_CN")
        self.zh.seed_instance(seed + 1000)
        self.zh_targets: list[str] = []

    def person(self, lang: str) -> str:
        f = self.fakers[lang]
        return f"{f.first_name()} {f.last_name()}"

    def populate(self, gallery: int) -> None:
        rt, now = self.system.runtime, self.system.clock.now()
        with rt.session() as s, transaction(s):
            for i in range(gallery):
                lang = LANGS[i % len(LANGS)]
                name, ref = self.person(lang), f"A3-2024-{i + 1:06d}"
                country = self.rng.choice(SENDERS[1:])
                access = request_access(
                    status="published", kind="red_notice", requesting_country=country, recipients=[]
                )
                search.upsert(s, record=PersonRecord(id=ref, names=[name]), access=access, now=now)
                self.published.append((name, lang))
            for i in range(100):  # Russia's refused requests (Cyrillic names, as Russia writes them)
                name, ref = self.person("ru"), f"A3-2024-{gallery + i + 1:06d}"
                access = request_access(
                    status="refused", kind="red_notice", requesting_country="RU", recipients=[]
                )
                search.upsert(s, record=PersonRecord(id=ref, names=[name]), access=access, now=now)
                self.targets.append((name, "ru", "refused"))
        self.register("DE", ProtectionKind.REFUGEE, "RU", 30)
        self.register("ccf", ProtectionKind.CCF_DELETION, "RU", 20)
        self.register_zh(30)

    def register_zh(self, count: int) -> None:
        """Refugees registered against Russia by their names in Han script."""
        actor = self.system.actor("DE", now=self.system.clock.now())
        with self.system.runtime.session() as s, transaction(s):
            for _ in range(count):
                name = self.zh.name()
                data = ProtectionRegister(
                    person=PersonQuery(names=[name]), kind=ProtectionKind.REFUGEE, against_country="RU"
                )
                register.add(s, actor=actor, data=data, now=self.system.clock.now())
                self.zh_targets.append(name)

    def register(self, who: str, kind: ProtectionKind, against: str | None, count: int) -> None:
        actor = self.system.actor(who, now=self.system.clock.now())
        rt = self.system.runtime
        with rt.session() as s, transaction(s):
            for _ in range(count):
                lang = self.rng.choice(("ru", "ar", "en"))
                name = self.person(lang)
                data = ProtectionRegister(
                    person=PersonQuery(names=[name]), kind=kind, against_country=against
                )
                register.add(s, actor=actor, data=data, now=self.system.clock.now())
                self.targets.append((name, lang, kind.value))

    def send(self, sender: str, body: str, gap: timedelta = timedelta(minutes=30), **extra: Any) -> str:
        self.system.clock.set(self.system.clock.now() + gap)
        actor: Actor = self.system.actor(sender, now=self.system.clock.now())
        to = "AE" if sender != "AE" else "FR"
        data = MessageSend(to=[to], subject="Case", body=body, **extra)
        rt = self.system.runtime
        with rt.session() as s, transaction(s):
            return messages.send(
                s,
                actor=actor,
                engine=rt.search,
                data=data,
                data_dir=rt.settings.data_dir,
                now=self.system.clock.now(),
            ).status

    def ordinary(self, count: int) -> Counter[tuple[str, str, str]]:
        out: Counter[tuple[str, str, str]] = Counter()
        kinds = ("ask_published", "ask_unknown", "about_protected", "admin")
        for i in range(count):
            kind, lang, sender = kinds[i % 4], LANGS[(i // 4) % 5], SENDERS[i % len(SENDERS)]
            ref = f"A3-2024-{self.rng.randint(1, 999999):06d}"
            if kind == "ask_published":
                name, script = self.rng.choice(self.published)
                body = ASK[lang].format(name=written(name, script, lang))
            elif kind == "ask_unknown":
                body = ASK[lang].format(name=self.person(lang))
            elif kind == "about_protected":
                name, script, _ = self.rng.choice(self.targets)
                body, sender = ABOUT[lang].format(name=written(name, script, lang), ref=ref), "RU"
            else:
                body = ADMIN[lang].format(name=self.person(lang), ref=ref)
            out[(kind, lang, self.send(sender, body))] += 1
        return out

    def attempts(self, count: int) -> Counter[tuple[str, str, str]]:
        out: Counter[tuple[str, str, str]] = Counter()
        for i in range(count):
            lang = LANGS[i % 5]
            name, script, kind = self.rng.choice(self.targets)
            if i % 3 == 2:  # structured reference, text without the name
                status = self.send("RU", ASK[lang].format(name="—"), persons=[{"names": [name]}])
            else:
                status = self.send("RU", ASK[lang].format(name=written(name, script, lang)))
            out[(kind, lang, status)] += 1
        return out

    def chinese(self, count: int, attempts: int) -> Counter[tuple[str, str, str]]:
        out: Counter[tuple[str, str, str]] = Counter()
        rng, kinds = self.extra_rng, ("ask_unknown", "about_protected", "admin")
        self.system.clock.set(self.system.clock.now() + timedelta(days=2))  # past the attempts' volume
        for i in range(count):
            kind, ref = kinds[i % 3], f"A3-2024-{rng.randint(1, 999999):06d}"
            if kind == "ask_unknown":
                body, sender = ZH["ask"].format(name=self.zh.name()), SENDERS[i % len(SENDERS)]
            elif kind == "about_protected":
                body, sender = ZH["about"].format(name=rng.choice(self.zh_targets), ref=ref), "RU"
            else:
                body, sender = ZH["admin"].format(name=self.zh.name(), ref=ref), SENDERS[i % len(SENDERS)]
            out[(kind, "zh", self.send(sender, body, EXTENDED_GAP))] += 1
        for _ in range(attempts):
            body = ZH["ask"].format(name=rng.choice(self.zh_targets))
            out[("attempt", "zh", self.send("RU", body, EXTENDED_GAP))] += 1
        return out

    def pdf_letters(self, count: int, attempts: int) -> Counter[tuple[str, str, str]]:
        out: Counter[tuple[str, str, str]] = Counter()
        rng = self.extra_rng
        for i in range(count + attempts):
            lang = LANGS[i % 5]
            if i >= count:
                kind, sender = "attempt", "RU"
                name, script, _ = rng.choice(self.targets)
                name = written(name, script, lang)
            elif i % 2 == 0:
                kind, sender = "ask_published", SENDERS[i % len(SENDERS)]
                name, script = rng.choice(self.published)
                name = written(name, script, lang)
            else:
                kind, sender, name = "ask_unknown", SENDERS[i % len(SENDERS)], self.person(lang)
            letter = pdfs.attachment(pdfs.pdf(ASK[lang].format(name=name)))
            out[(kind, lang, self.send(sender, COVER, EXTENDED_GAP, attachments=[letter]))] += 1
        return out


def timed(name: str) -> list[float]:
    """Wrap ``monitor.<name>`` to record how long each call takes: ``examine`` is the time
    monitoring adds to a send, ``read_attachments`` the PDF text extraction in a child process."""
    times: list[float] = []
    original: Callable[..., Any] = getattr(monitor, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - start)

    setattr(monitor, name, wrapper)
    return times


def share(counts: Counter[tuple[str, str, str]], status: str, key: int, value: str) -> str:
    total = sum(n for k, n in counts.items() if k[key] == value)
    hit = sum(n for k, n in counts.items() if k[key] == value and k[2] == status)
    return f"{hit}/{total} ({100 * hit / max(total, 1):.1f}%)"


def report(
    ordinary: Counter[tuple[str, str, str]], attempts: Counter[tuple[str, str, str]], times: list[float]
) -> None:
    total, held = sum(ordinary.values()), sum(n for k, n in ordinary.items() if k[2] == "held")
    print(f"ordinary messages: {total}, held (false holds): {held} ({100 * held / total:.2f}%)")
    for kind in ("ask_published", "ask_unknown", "about_protected", "admin"):
        print(f"  {kind:16} held {share(ordinary, 'held', 0, kind)}")
    for lang in LANGS:
        print(f"  {lang:16} held {share(ordinary, 'held', 1, lang)}")
    caught, tries = sum(n for k, n in attempts.items() if k[2] == "held"), sum(attempts.values())
    print(f"circumvention attempts: {tries}, held: {caught} ({100 * caught / tries:.1f}%)")
    for lang in LANGS:
        print(f"  {lang:16} held {share(attempts, 'held', 1, lang)}")
    ms = sorted(t * 1000 for t in times)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    print(
        f"monitoring time per message (ms): mean {statistics.mean(ms):.2f}, p50 {p(0.5):.2f}, p95 {p(0.95):.2f}, max {ms[-1]:.2f}"  # noqa: E501
    )


def extended(
    chinese: Counter[tuple[str, str, str]],
    pdf: Counter[tuple[str, str, str]],
    times: list[float],
    reading: list[float],
) -> None:
    for title, counts in (("chinese", chinese), ("pdf letters", pdf)):
        tries = sum(n for k, n in counts.items() if k[0] == "attempt")
        total = sum(counts.values()) - tries
        held = sum(n for k, n in counts.items() if k[0] != "attempt" and k[2] == "held")
        caught = sum(n for k, n in counts.items() if k[0] == "attempt" and k[2] == "held")
        print(f"{title}: ordinary {total}, held (false holds) {held} ({100 * held / max(total, 1):.2f}%)")
        for kind in sorted({k[0] for k in counts} - {"attempt"}):
            print(f"  {kind:16} held {share(counts, 'held', 0, kind)}")
        print(f"{title}: attempts {tries}, held {caught} ({100 * caught / max(tries, 1):.1f}%)")
    letters = sum(pdf.values())
    pdf_times = sorted((a + b) * 1000 for a, b in zip(times[-letters:], reading[-letters:], strict=True))
    print(
        f"monitoring time per PDF letter, reading included (ms): mean {statistics.mean(pdf_times):.1f}, "
        f"p50 {pdf_times[len(pdf_times) // 2]:.1f}, max {pdf_times[-1]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ordinary", type=int, default=2000)
    parser.add_argument("--attempts", type=int, default=300)
    parser.add_argument("--gallery", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--zh", type=int, default=300)
    parser.add_argument("--zh-attempts", type=int, default=60)
    parser.add_argument("--pdf", type=int, default=200)
    parser.add_argument("--pdf-attempts", type=int, default=100)
    args = parser.parse_args()
    with instance(datetime(2024, 1, 1, tzinfo=UTC)) as system:
        bench = Bench(system, args.seed)
        bench.populate(args.gallery)
        print(f"index: {args.gallery} published notices, {len(bench.targets)} refused or protected persons")
        times, reading = timed("examine"), timed("read_attachments")
        ordinary = bench.ordinary(args.ordinary)
        attempts = bench.attempts(args.attempts)
        report(ordinary, attempts, times)
        chinese = bench.chinese(args.zh, args.zh_attempts)
        extended(chinese, bench.pdf_letters(args.pdf, args.pdf_attempts), times, reading)


if __name__ == "__main__":
    main()
