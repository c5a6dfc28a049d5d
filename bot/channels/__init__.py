"""Platform channels: turn platform payloads into IncomingMessage and deliver Replies and pushes."""
