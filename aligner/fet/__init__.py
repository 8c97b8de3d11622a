"""FET (Free Timetabling Software) interoperability: import ``.fet`` files, export instances and
timetables to FET, and read FET's timetables back for ``aligner check``."""

from aligner.fet.fetfile import FetData, read_fet
from aligner.fet.importer import FetImport, Loss, import_fet

__all__ = ["FetData", "FetImport", "Loss", "import_fet", "read_fet"]
