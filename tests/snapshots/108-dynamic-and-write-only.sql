CREATE TABLE "channel" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "board" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "message" (
	"id" INTEGER NOT NULL, 
	"body" TEXT, 
	"channel_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("channel_id") REFERENCES "channel" ("id")
);
CREATE TABLE "pin" (
	"id" INTEGER NOT NULL, 
	"label" TEXT NOT NULL, 
	"board_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("board_id") REFERENCES "board" ("id")
);
