"""Writing results to files."""

from aligner.export.files import OUTPUT_FILES, write_outputs

__all__ = ["OUTPUT_FILES", "write_outputs"]
