CREATE TABLE "roles" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "users" (
	"id" INTEGER NOT NULL, 
	"username" TEXT, 
	"role_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("role_id") REFERENCES "roles" ("id")
);
CREATE UNIQUE INDEX "ix_users_username" ON "users" ("username");
