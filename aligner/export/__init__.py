"""Writing results to files."""

from aligner.export.files import (
    INFEASIBILITY_FILE,
    OUTPUT_FILES,
    write_files,
    write_infeasibility,
    write_outputs,
)

__all__ = ["INFEASIBILITY_FILE", "OUTPUT_FILES", "write_files", "write_infeasibility",
           "write_outputs"]
