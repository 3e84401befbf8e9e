-- One database per service (docker-compose's PostgreSQL runs this once, on an empty volume).
CREATE DATABASE growth_frameworks;
CREATE DATABASE growth_reviews;
CREATE DATABASE growth_goals;
CREATE DATABASE growth_notifications;
CREATE DATABASE growth_directory;
