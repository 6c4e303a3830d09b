CREATE TABLE "readings" (
	"id" INTEGER NOT NULL, 
	"sensor" TEXT NOT NULL, 
	"notes" TEXT, 
	"level" INTEGER, 
	"total" INTEGER, 
	"ratio" FLOAT, 
	"taken_at" TIME, 
	"duration" INTERVAL, 
	"raw" BYTEA, 
	"status" TEXT, 
	"extra" TEXT, 
	PRIMARY KEY ("id")
);
