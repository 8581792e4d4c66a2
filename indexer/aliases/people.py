"""A small gazetteer of heads of state and government and other office holders of wide renown.

News refers to the most prominent people by title and surname alone ("President Obama"), and an
article may never print the full name. When the corpus itself gives no full name for a surname,
this list supplies it, but only for a surname that belongs to one person here (two Bushes, two
Clintons: left alone). Corpus evidence always wins over the list. General knowledge, 1980 onward.
"""

from __future__ import annotations

WELL_KNOWN_PEOPLE = (
    # United States: presidents, vice presidents, secretaries of state
    "Ronald Reagan", "George H. W. Bush", "Bill Clinton", "George W. Bush", "Barack Obama", "Donald Trump",
    "Joe Biden", "Dan Quayle", "Al Gore", "Dick Cheney", "Mike Pence", "Kamala Harris", "Hillary Clinton",
    "George Shultz", "James Baker", "Warren Christopher", "Madeleine Albright", "Colin Powell",
    "Condoleezza Rice", "John Kerry", "Rex Tillerson", "Mike Pompeo", "Antony Blinken",
    # Russia / Soviet Union
    "Mikhail Gorbachev", "Boris Yeltsin", "Vladimir Putin", "Dmitry Medvedev", "Sergei Lavrov",
    "Yevgeny Primakov", "Viktor Chernomyrdin", "Mikhail Mishustin",
    # United Kingdom
    "Margaret Thatcher", "John Major", "Tony Blair", "Gordon Brown", "David Cameron", "Theresa May",
    "Boris Johnson", "Liz Truss", "Rishi Sunak", "Keir Starmer",
    # France
    "François Mitterrand", "Jacques Chirac", "Nicolas Sarkozy", "François Hollande", "Emmanuel Macron",
    # Germany
    "Helmut Kohl", "Gerhard Schröder", "Angela Merkel", "Olaf Scholz", "Friedrich Merz",
    # China
    "Deng Xiaoping", "Jiang Zemin", "Hu Jintao", "Xi Jinping", "Li Peng", "Zhu Rongji", "Wen Jiabao",
    "Li Keqiang",
    # Japan
    "Yasuhiro Nakasone", "Junichiro Koizumi", "Shinzo Abe", "Yoshihide Suga", "Fumio Kishida",
    # India, Pakistan
    "Rajiv Gandhi", "Atal Bihari Vajpayee", "Manmohan Singh", "Narendra Modi", "Benazir Bhutto",
    "Nawaz Sharif", "Pervez Musharraf", "Imran Khan",
    # Middle East
    "Yasser Arafat", "Mahmoud Abbas", "Yitzhak Rabin", "Shimon Peres", "Ariel Sharon", "Ehud Olmert",
    "Benjamin Netanyahu", "Hosni Mubarak", "Saddam Hussein", "Recep Tayyip Erdogan", "Hassan Rouhani",
    "Mahmoud Ahmadinejad", "Ali Khamenei", "Bashar al-Assad",
    # Others
    "Nelson Mandela", "Thabo Mbeki", "Jacob Zuma", "Cyril Ramaphosa", "Luiz Inácio Lula da Silva",
    "Jair Bolsonaro", "Dilma Rousseff", "Justin Trudeau", "Stephen Harper", "Brian Mulroney",
    "Jean Chrétien", "Silvio Berlusconi", "Romano Prodi", "Mario Draghi", "Giorgia Meloni",
    "Volodymyr Zelensky", "Viktor Yanukovych", "Petro Poroshenko", "Alexander Lukashenko", "Kim Jong Un",
    "Kim Jong Il", "Moon Jae-in", "Park Geun-hye", "Fidel Castro", "Hugo Chávez", "Nicolás Maduro",
    # International organisations
    "Kofi Annan", "Ban Ki-moon", "António Guterres", "Boutros Boutros-Ghali", "Christine Lagarde",
    "Jens Stoltenberg", "Mark Rutte", "Jean-Claude Juncker", "Ursula von der Leyen", "Alan Greenspan",
    "Ben Bernanke", "Janet Yellen", "Jerome Powell", "Paul Volcker",
)


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def unique_by_surname() -> dict[str, str]:
    """Lower-cased surname -> full name, for surnames held by exactly one person in the list."""
    counts: dict[str, int] = {}
    for name in WELL_KNOWN_PEOPLE:
        counts[_surname(name)] = counts.get(_surname(name), 0) + 1
    return {_surname(n): n for n in WELL_KNOWN_PEOPLE if counts[_surname(n)] == 1}
