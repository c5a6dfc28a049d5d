"""减负看板: server-rendered pages under /board/ showing the figures chat answers, to the members chat
answers them to. links.py signs a member's link; viewer.py is who looks (permissions as in chat);
pages.py gathers each page's figures from bot.stats / bot.scheduler.figures; routes.py serves them."""
