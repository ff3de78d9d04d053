"""A simulated world of requests, registrations, complaints and messages (issue 9).

``generate`` writes a world file (ground truth kept beside what the system sees); ``replay`` feeds
it in time order through the real services; ``evaluate`` compares the outcome with a baseline
modelled on the public record; ``demo`` loads a small world for ``make run``. See
docs/simulation.md.
"""
