CREATE TABLE "student" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "course" (
	"id" INTEGER NOT NULL, 
	"code" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("code")
);
CREATE TABLE "enrollments" (
	"student_id" INTEGER NOT NULL, 
	"course_id" INTEGER NOT NULL, 
	PRIMARY KEY ("student_id", "course_id"), 
	FOREIGN KEY("student_id") REFERENCES "student" ("id"), 
	FOREIGN KEY("course_id") REFERENCES "course" ("id")
);
