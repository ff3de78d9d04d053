"""The screening's learned component for tests: a model on disk without any stored decision."""

from __future__ import annotations

from article3.bootstrap import Runtime
from article3.screening import learned, model_files

FAR = 50.0  # no real request's features come near: the model gives them p ≈ 0 and changes no route


def write_model(rt: Runtime, version: str = "19990101000000") -> learned.LearnedModel:
    """Train on invented feature vectors (positives far from any real request) and write the model
    under the runtime's data directory, as `article3 screening train` would."""
    width = len(learned.FEATURE_NAMES)
    examples = [
        learned.TrainingExample(tuple(FAR if i % 3 == 0 else (i % 5) / 10 for _ in range(width)), i % 3 == 0)
        for i in range(24)
    ]
    model = learned.train(examples, version=version)
    model_files.write(rt.settings.data_dir, model)
    return model
