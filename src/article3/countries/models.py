"""A member country and its National Central Bureau."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from article3.db.base import Base


class Country(Base):
    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    alpha3: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(40))
    member: Mapped[bool] = mapped_column(default=True)
    bureau: Mapped[Bureau] = relationship(back_populates="country", uselist=False)


class Bureau(Base):
    __tablename__ = "bureaus"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    country: Mapped[Country] = relationship(back_populates="bureau")
