CREATE TABLE "student" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "course" (
	"code" TEXT NOT NULL, 
	"title" TEXT, 
	PRIMARY KEY ("code")
);
CREATE TABLE "enrollment" (
	"student_id" INTEGER NOT NULL, 
	"course_code" TEXT NOT NULL, 
	"grade" TEXT, 
	PRIMARY KEY ("student_id", "course_code"), 
	FOREIGN KEY("student_id") REFERENCES "student" ("id"), 
	FOREIGN KEY("course_code") REFERENCES "course" ("code")
);
CREATE TABLE "grade" (
	"id" INTEGER NOT NULL, 
	"student_id" INTEGER NOT NULL, 
	"course_code" TEXT NOT NULL, 
	"points" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("student_id", "course_code") REFERENCES "enrollment" ("student_id", "course_code")
);
