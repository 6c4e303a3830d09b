CREATE TABLE "members" (
	"id" INTEGER NOT NULL, 
	"email" TEXT NOT NULL, 
	"city" TEXT, 
	"nickname" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("nickname")
);
CREATE UNIQUE INDEX "ix_members_email" ON "members" ("email");
CREATE INDEX "ix_members_city" ON "members" ("city");
CREATE TABLE "seat" (
	"id" INTEGER NOT NULL, 
	"room" TEXT NOT NULL, 
	"number" INTEGER NOT NULL, 
	"holder" TEXT, 
	PRIMARY KEY ("id"), 
	CONSTRAINT "uq_seat_room_number" UNIQUE ("room", "number")
);
CREATE INDEX "ix_seat_holder" ON "seat" ("holder");
