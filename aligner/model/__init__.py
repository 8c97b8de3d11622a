"""The CP-SAT model: variables, constraints (one function per rule family) and objective."""

from aligner.model.build import BuiltModel, build_model

__all__ = ["BuiltModel", "build_model"]
