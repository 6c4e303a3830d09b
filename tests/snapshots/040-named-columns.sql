CREATE TABLE "customers" (
	"customer_id" INTEGER NOT NULL, 
	"user_name" TEXT NOT NULL, 
	"email_address" TEXT, 
	PRIMARY KEY ("customer_id"), 
	UNIQUE ("user_name")
);
CREATE TABLE "purchases" (
	"purchase_id" INTEGER NOT NULL, 
	"buyer" INTEGER NOT NULL, 
	"total_amount" FLOAT NOT NULL, 
	PRIMARY KEY ("purchase_id"), 
	FOREIGN KEY("buyer") REFERENCES "customers" ("customer_id")
);
