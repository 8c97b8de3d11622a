"""A timetable that lives through the term: what changed between two timetables
(:mod:`aligner.living.diff`), substitutions (代课) and swaps (调课) for absent teachers
(:mod:`aligner.living.substitute`), and the school days an absence takes
(:mod:`aligner.living.schooldays`). The checker of a substitution plan is
:mod:`aligner.check.substitutions`; the printed notices are :mod:`aligner.export.notices`."""
