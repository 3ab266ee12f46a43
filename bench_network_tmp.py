import os, random, time, datetime as dt
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.test import Client
from actors.models import Actor
from negotiations.models import Offer, TalksChannel, ChannelParticipant
call_command("migrate", verbosity=0)
if Actor.objects.count() < 5000:
    rng = random.Random(7)
    actors = Actor.objects.bulk_create(Actor(name=f"Bench Actor {i}", slug=f"bench-actor-{i}", side=["us_government","venezuelan_government","opposition","mediator","other"][i%5], first_reported_on=dt.date(2015,1,1)) for i in range(5000))
    offers = Offer.objects.bulk_create(Offer(kind="amnesty", offered_by=rng.choice(actors), terms=f"Offer {i}", first_reported_on=dt.date(2016,1,1)) for i in range(2000))
    Offer.recipients.through.objects.bulk_create(Offer.recipients.through(offer_id=o.pk, actor_id=rng.choice(actors).pk) for o in offers)
    channels = TalksChannel.objects.bulk_create(TalksChannel(name=f"Channel {i}", first_reported_on=dt.date(2018,1,1)) for i in range(500))
    rows = {(c.pk, a.pk) for c in channels for a in rng.sample(actors, 6)}
    ChannelParticipant.objects.bulk_create(ChannelParticipant(channel_id=c, actor_id=a) for c, a in rows)
c = Client()
with override_settings(ALLOWED_HOSTS=["*"]):
    for url in ["/network/", "/network/?as_of=2017-01-01", "/actors/bench-actor-7/", "/actors/search.json?q=actor%2012"]:
        c.get(url)
        times = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter(); r = c.get(url); times.append(time.perf_counter() - t)
        print(url, r.status_code, f"{min(times)*1000:.0f} ms", len(ctx), "queries", len(r.content)//1024, "KiB")
