CREATE TABLE "user_account" (
	"name" TEXT NOT NULL, 
	"created_at" TIMESTAMP, 
	"revision" INTEGER DEFAULT 1, 
	"id" INTEGER NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "note_entry" (
	"text" TEXT, 
	"owner_id" INTEGER, 
	"created_at" TIMESTAMP, 
	"revision" INTEGER DEFAULT 1, 
	"id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("owner_id") REFERENCES "user_account" ("id")
);
CREATE TABLE "task_item" (
	"title" TEXT, 
	"done" BOOLEAN, 
	"owner_id" INTEGER, 
	"id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("owner_id") REFERENCES "user_account" ("id")
);
