/**
 * Common UK given names, lower case, for the child-name reminder (`looksLikeChildName`): public lists of popular
 * baby names (boys' and girls' names of the last twenty years or so) and a few common adult names. No surnames.
 * Names that are also everyday English words ("May", "Will", "Grace", "Hope", "Summer", "Mark", "Rose", "Faith",
 * "Joy", "Bill", "Frank", "Art", "Sunny", "Dawn", "Amber", "Ruby", "Autumn", "Jack"…) are left out on purpose
 * where they would be read in lower-case text as the word; in title case the capitalised-pair rule still
 * catches "Grace Evans".
 */
export const FIRST_NAMES: readonly string[] = // Boys
  (
    'aaron abdul abdullah adam aiden ahmed alex alexander alfie ali amir andrew anthony archie arlo arthur ashton austin ' +
    'ben benjamin blake bobby brandon brody caleb callum calum cameron carl charles charlie christopher connor conor cody ' +
    'corey dale daniel danny darren david dean declan dexter dominic dylan eddie edward elijah elliot elliott ellis ethan ' +
    'ezra felix finlay finley finn frankie freddie frederick gabriel george harley harrison harry harvey hamza hassan ' +
    'henry hugo hussain ibrahim isaac isaiah jackson jacob jake james jamie jason jay jayden jenson jesse joe joel joey ' +
    'john jonah jonathan jordan joseph josh joshua jude kai kayden kieran kyle lee leo leon leonardo levi lewis liam ' +
    'logan louie louis luca lucas luke marcus mason matthew max maxwell michael mohammad mohammed muhammad musa nathan ' +
    'ned nicholas noah oakley oliver ollie omar oscar owen patrick paul peter reece reggie rhys riley robert roman ronnie ' +
    'rory ryan sam samuel scott sean sebastian shane sonny stanley stephen steven taylor teddy theo theodore thomas toby ' +
    'tom tommy tyler vincent william yusuf zach zachary zak zain ' +
    // Girls
    'abigail ada aisha alexa alice alicia amelia amelie amy anna annabelle aria ava bella bethany brooke caitlin ' +
    'charlotte chelsea chloe courtney daisy demi eleanor elena eliza elizabeth ella ellie eloise elsie emilia emily ' +
    'emma erin esme eva evelyn evie fatima florence freya georgia georgina gracie hannah harper hollie holly imogen ' +
    'isabel isabella isabelle isla ivy jade jasmine jessica jodie julia kacey kayla katie keira kimberley lacey lara ' +
    'laura lauren layla leah lexi lilly lily lola lucy lydia lyla maddison madison maisie maryam matilda maya megan ' +
    'mia millie mila mollie molly nancy naomi natasha nevaeh niamh nicole olivia paige penelope phoebe poppy rachel ' +
    'rebecca robyn rosie sadie safa samantha sara sarah scarlett sienna sofia sophia sophie stella tegan thea tia ' +
    'tilly victoria violet willow zara zoe zahra aaliyah khadija hafsa ayesha amira inaya hollie-mae chloe-mae ' +
    'kelsey shannon jasmin kirsty leanne stacey danielle gemma hayley jenna kerry melissa ' +
    // Common in Wales, Scotland and Ireland
    'aled carys cerys dafydd dylan eilidh ffion gethin gwen iwan megan osian rhian rhiannon seren siobhan sian ' +
    'tomos aoife ciara cillian oisin ruairi saoirse sinead'
  )
    .split(' ')
    .filter((name, i, all) => all.indexOf(name) === i);
