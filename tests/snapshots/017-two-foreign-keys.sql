CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "message" (
	"id" INTEGER NOT NULL, 
	"text" TEXT, 
	"sender_id" INTEGER, 
	"recipient_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("sender_id") REFERENCES "user" ("id"), 
	FOREIGN KEY("recipient_id") REFERENCES "user" ("id")
);
