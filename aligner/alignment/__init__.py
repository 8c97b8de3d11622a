"""Wall-clock alignment of bell schedules: the overlap of two schools' periods (decided once,
here) and proposals of synchronised bells."""
