// The sample batch: four short invented articles, so that a first visitor sees every feature at
// once. Two outlets report one event (with the mayor's words quoted in different wording), a
// third outlet republishes the first article under a new headline with one more paragraph,
// and one story is unrelated. Each carries page furniture (bylines, captions, credits, "more
// news" lists, share prompts) so that the cleaning shows. Every name and place is invented.

const VALLEY_COURIER_BODY = [
  "The steel flood barrier across the Alder River in Riverton held back its first major surge on Sunday, keeping water out of the old town for the first time in a decade of spring floods.",
  "The river rose almost three metres overnight after four days of heavy rain in the hills, the regional water board said. Crews closed the barrier's six gates shortly after midnight.",
  "\u201cTonight the barrier did exactly what we built it to do, and not one house in the old town took on water,\u201d said Mayor Ana Ruiz, who watched the gates close from the east bank.",
  "The project cost 48 million euros and took three years to build. Critics had argued that the money would have been better spent on moving homes away from the river.",
  "Tom\u00e1s Berg, the engineer who led the construction, said the gates would stay closed until the river dropped below two metres. \u201cWe will open them slowly, one gate at a time, so nobody downstream is surprised,\u201d he said.",
];

const VALLEY_COURIER_CAPTION = [
  "Residents watch the Alder River rise against the closed gates on Sunday night.",
  "Photo: Jonas Weber / Valley Courier",
];

/** The sample articles: {name, text} each, in the order they join the batch. */
export const SAMPLE_ARTICLES = [
  {
    name: "sample-valley-courier.txt",
    text: [
      "Home | News | Sport | Weather | Contact",
      "Riverton\u2019s New Flood Barrier Holds Back First Spring Surge",
      "By Helen Marsh, Valley Courier",
      "April 14, 2025",
      ...VALLEY_COURIER_BODY,
      ...VALLEY_COURIER_CAPTION,
      "More news",
      "Bakery on Mill Street closes after 80 years\nApril 13, 2025",
      "Council delays vote on new bus routes\nApril 12, 2025",
      "\u00a9 2025 Valley Courier. All rights reserved.",
    ].join("\n\n"),
  },
  {
    name: "sample-riverside-daily.txt",
    text: [
      "RIVERSIDE DAILY",
      "Flood gates close as Alder River reaches three metres",
      "By Omar Haddad",
      "Published April 14, 2025",
      "Riverton closed all six gates of its new flood barrier early on Sunday as the Alder River climbed to nearly three metres, and the streets of the old town stayed dry.",
      "\u201cThe barrier did exactly what we built it for, and no house in the old town took on water,\u201d Mayor Ana Ruiz told reporters on the east bank.",
      "The regional water board said the rain in the hills had been the heaviest of any April since 2013. Villages downstream were told to expect high water until Tuesday.",
      "Not everyone was convinced. \u201cOne dry night does not make 48 million euros a bargain,\u201d said Petra Lind, who leads a residents\u2019 group that had campaigned to move homes away from the river instead.",
      "Share this article: Facebook | Email | Print",
      "Sign up for our morning newsletter",
    ].join("\n\n"),
  },
  {
    name: "sample-northern-ledger.txt",
    text: [
      "Riverton flood barrier passes its first real test",
      "By Helen Marsh, Valley Courier",
      "April 15, 2025",
      ...VALLEY_COURIER_BODY,
      "The barrier will be inspected on Wednesday, and the water board plans to publish the river levels recorded during the surge by the end of the month.",
      ...VALLEY_COURIER_CAPTION,
      "This article first appeared in the Valley Courier and is republished with permission.",
      "Related:",
      "- Riverton approves budget for river path",
      "- Water board warns of wet spring",
    ].join("\n\n"),
  },
  {
    name: "sample-lakeside-sport.txt",
    text: [
      "Rowers from Riverton take the national eights title",
      "By Clara Nyberg",
      "June 2, 2025",
      "The Riverton Rowing Club\u2019s women\u2019s eight won the national championship on Saturday, beating the defending champions by less than a second on the lake at Halden.",
      "\u201cWe were behind for most of the race, but we had trained for exactly that finish,\u201d said coach Maria Santos after the medal ceremony.",
      "The crew borrowed its boat from a university team after its own was damaged in a storm in March. \u201cWe owe them a very good dinner,\u201d said captain Lea Fischer.",
      "The club will now race at the European championships in Portugal in September, its first international regatta in twenty years.",
      "The crew celebrates with their medals at Halden.",
      "Photo: Club handout",
      "You may also like",
      "Cyclists prepare for the valley stage race",
      "Riverton swimming pool reopens after repairs",
    ].join("\n\n"),
  },
];
