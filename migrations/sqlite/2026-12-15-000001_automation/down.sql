DROP TABLE automation_firings;
DROP TABLE automation_marks;
