"""assemble (figures): each chart's data, and its drawing, made once for every engine."""
